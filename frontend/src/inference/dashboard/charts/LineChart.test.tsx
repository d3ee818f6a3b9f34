/** LineChart: an accessible image with its figures in a table; no line bridges missing data. */
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { LineChart } from "./LineChart";

function moves(path: Element | null): number {
  return (path?.getAttribute("d") ?? "").split("M").length - 1;
}

describe("LineChart", () => {
  it("lifts the pen at nulls and at missing buckets, and tabulates every value", () => {
    render(
      <LineChart
        label="Queue depth"
        unit="req"
        series={[
          {
            name: "pod-a",
            points: [
              { t: 0, value: 1 },
              { t: 60, value: 2 },
              { t: 120, value: null },
              { t: 180, value: 3 },
              { t: 600, value: 4 },
              { t: 660, value: 5 },
            ],
          },
        ]}
      />,
    );

    const chart = screen.getByRole("img", { name: "Queue depth" });
    expect(moves(chart.querySelector("path"))).toBe(3);
    const table = screen.getByRole("table", { name: "Queue depth" });
    expect(within(table).getAllByRole("row")).toHaveLength(7);
    expect(within(table).getByRole("cell", { name: "5 req" })).toBeInTheDocument();
    expect(within(table).getByRole("cell", { name: "—" })).toBeInTheDocument();
  });
});
