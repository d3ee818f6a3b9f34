/** Overview page: its heading, tab title and a card linking to each area other than itself. */
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderApp } from "../test/renderApp";

describe("OverviewPage", () => {
  it("introduces the console and links to the inference pools", async () => {
    const { user } = renderApp("/");

    expect(screen.getByRole("heading", { level: 1, name: "Overview" })).toBeInTheDocument();
    expect(document.title).toBe("Overview · NGF Console");
    const areas = within(screen.getByRole("region", { name: "Areas" }));
    const card = areas.getByRole("link", { name: /Inference pools/ });

    await user.click(card);

    expect(screen.getByRole("heading", { level: 1, name: "Inference pools" })).toBeInTheDocument();
  });
});
