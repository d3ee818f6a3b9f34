/**
 * The inference dashboard against a fake API holding a known dataset: every panel renders its
 * chart from the API's figures; the time range drives the queries' start/end; panels refresh
 * on the range's cadence until auto-refresh is paused; the command palette reaches the page;
 * empty states (no stacks, no telemetry in the range, no Prometheus) and errors.
 */
import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import {
  costEstimate,
  gpuHeatmap,
  poolMetrics,
  poolPods,
  summary,
  ttftReport,
} from "../inference/dashboard/metricsBuilders";
import { errorResponse, FakeApi, json } from "../test/FakeApi";
import { poolSummary } from "../test/builders";
import { renderApp } from "../test/renderApp";

const PANELS = [
  "Time to first token",
  "Tokens per second",
  "KV-cache heatmap",
  "Queue depth over time",
  "Prefix-cache hit rate",
  "Latency breakdown",
  "GPU utilisation and memory",
  "Model comparison",
  "Cost estimate",
];

function fleetApi(requests = 600): FakeApi {
  const api = new FakeApi();
  api.on("GET", "/api/v1/inference/pools", () =>
    json({ items: [poolSummary("demo", "llama"), poolSummary("demo", "mistral")] }),
  );
  api.on("GET", "/api/v1/inference/metrics/pool/{namespace}/{name}", (r) =>
    json(poolMetrics(r.params["namespace"] ?? "", r.params["name"] ?? "", requests)),
  );
  api.on("GET", "/api/v1/inference/metrics/ttft/{namespace}/{name}", (r) =>
    json(ttftReport(r.params["namespace"] ?? "", r.params["name"] ?? "", requests)),
  );
  api.on("GET", "/api/v1/inference/metrics/pool/{namespace}/{name}/pods", (r) =>
    json(poolPods(r.params["namespace"] ?? "", r.params["name"] ?? "")),
  );
  api.on("GET", "/api/v1/inference/metrics/summary", () => json(summary(null)));
  api.on("GET", "/api/v1/inference/metrics/gpu", () => json(gpuHeatmap("demo")));
  api.on("GET", "/api/v1/inference/metrics/cost", () => json(costEstimate("demo", "llama")));
  return api;
}

async function panel(title: string): Promise<HTMLElement> {
  return screen.findByRole("region", { name: title });
}

function windowSeconds(query: URLSearchParams): number {
  return (Date.parse(query.get("end") ?? "") - Date.parse(query.get("start") ?? "")) / 1000;
}

// The first render loads the lazy route and its charts: generous on a loaded machine.
const SLOW = 30_000;

describe("InferenceDashboardPage", () => {
  it(
    "renders every panel with a chart drawn from the API's figures",
    async () => {
      renderApp("/inference", { api: fleetApi() });

      expect(
        await screen.findByRole("heading", { level: 1, name: "Inference dashboard" }),
      ).toBeInTheDocument();
      for (const title of PANELS) {
        const region = await panel(title);
        // Every panel draws a chart, but the cost estimate, which is a table.
        await within(region).findAllByRole(title === "Cost estimate" ? "table" : "img");
        expect(within(region).queryByText(/No telemetry/)).not.toBeInTheDocument();
      }
      const figures = within(screen.getByLabelText("Pool figures over the range"));
      expect(figures.getByText("182 ms")).toBeInTheDocument();
      expect(figures.getByText("431 ms")).toBeInTheDocument();
      expect(figures.getByText("85.5 µs")).toBeInTheDocument();
      const ttft = await panel("Time to first token");
      expect(within(ttft).getByRole("img", { name: /TTFT distribution/ })).toBeInTheDocument();
      expect(within(ttft).getByRole("cell", { name: "100–250" })).toBeInTheDocument();
      expect(within(ttft).getByText("p50").nextElementSibling).toHaveTextContent("182 ms");
      expect(within(ttft).getByText("p99 (worst bucket)").nextElementSibling).toHaveTextContent(
        "610 ms",
      );
      const kv = await panel("KV-cache heatmap");
      expect(within(kv).getByText(/Pool mean now: 41%/)).toBeInTheDocument();
      expect(within(kv).getByRole("columnheader", { name: "llama-model-2" })).toBeInTheDocument();
      const models = await panel("Model comparison");
      expect(within(models).getByRole("rowheader", { name: "mistral-7b" })).toBeInTheDocument();
      expect(within(models).getByRole("cell", { name: "512 ms" })).toBeInTheDocument();
      const cost = await panel("Cost estimate");
      expect(within(cost).getByText("per hour").nextElementSibling).toHaveTextContent("$24.30");
      expect(within(cost).getByText("per day").nextElementSibling).toHaveTextContent("$583.20");
      expect(within(cost).getByRole("rowheader", { name: "demo/llama" })).toBeInTheDocument();
      expect(screen.getByRole("link", { name: "Live EPP decisions" })).toHaveAttribute(
        "href",
        "/inference/pools/demo/llama/epp",
      );
    },
    SLOW,
  );

  it(
    "queries the chosen time range and pool",
    async () => {
      const { api, user } = renderApp("/inference", { api: fleetApi() });
      await panel("Tokens per second");
      const path = "/api/v1/inference/metrics/pool/demo/llama";
      expect(windowSeconds(api.calls(path).at(-1)?.query ?? new URLSearchParams())).toBe(900);

      await user.selectOptions(
        screen.getByRole("combobox", { name: "Time range" }),
        "Last 6 hours",
      );

      await screen.findByRole("option", { name: "Last 6 hours", selected: true });
      await expect
        .poll(() => windowSeconds(api.calls(path).at(-1)?.query ?? new URLSearchParams()))
        .toBe(21_600);
      expect(
        windowSeconds(
          api.calls("/api/v1/inference/metrics/gpu").at(-1)?.query ?? new URLSearchParams(),
        ),
      ).toBe(21_600);

      await user.selectOptions(
        screen.getByRole("combobox", { name: "Pool" }),
        "demo/mistral (llama-3-8b)",
      );
      await expect
        .poll(() => api.calls("/api/v1/inference/metrics/pool/demo/mistral").length)
        .toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    "refreshes on the range's cadence until auto-refresh is paused",
    async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      try {
        const { api } = renderApp("/inference?range=5m", { api: fleetApi() });
        await panel("Tokens per second");
        const path = "/api/v1/inference/metrics/pool/demo/llama";
        await expect.poll(() => api.calls(path).length).toBeGreaterThan(0);
        const first = api.calls(path).length;

        await act(async () => {
          await vi.advanceTimersByTimeAsync(5_500);
        });
        await expect.poll(() => api.calls(path).length).toBeGreaterThan(first);

        const toggle = screen.getByRole("button", { name: "Auto-refresh on" });
        expect(toggle).toHaveAttribute("aria-pressed", "true");
        fireEvent.click(toggle);
        expect(screen.getByRole("button", { name: "Auto-refresh paused" })).toHaveAttribute(
          "aria-pressed",
          "false",
        );
        const paused = api.calls(path).length;
        await act(async () => {
          await vi.advanceTimersByTimeAsync(30_000);
        });
        expect(api.calls(path)).toHaveLength(paused);
      } finally {
        vi.useRealTimers();
      }
    },
    SLOW,
  );

  it(
    "is reached from the command palette",
    async () => {
      const { user, router } = renderApp("/", { api: fleetApi() });

      await user.keyboard("{Control>}k{/Control}");
      await user.type(
        screen.getByRole("combobox", { name: "Search pages and resources" }),
        "dashboard",
      );
      await user.keyboard("{Enter}");

      expect(router.state.location.pathname).toBe("/inference");
      expect(
        await screen.findByRole("heading", { level: 1, name: "Inference dashboard" }),
      ).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    "says to create an InferenceStack when there is none",
    async () => {
      renderApp("/inference");

      const empty = await screen.findByRole("region", { name: "No InferenceStacks yet" });
      expect(within(empty).getByRole("link", { name: "Create one" })).toHaveAttribute(
        "href",
        "/inference/pools/create",
      );
      expect(screen.queryByRole("region", { name: "Time to first token" })).not.toBeInTheDocument();
    },
    SLOW,
  );

  it(
    "says when the range holds no telemetry",
    async () => {
      renderApp("/inference", { api: fleetApi(0) });

      for (const title of [
        "Time to first token",
        "Tokens per second",
        "Latency breakdown",
        "Prefix-cache hit rate",
      ]) {
        expect(
          await within(await panel(title)).findByText(/No telemetry in this range/),
        ).toBeInTheDocument();
      }
    },
    SLOW,
  );

  it("shows the API's error in the panels it affects and why live figures are missing", async () => {
    const api = fleetApi();
    api.on("GET", "/api/v1/inference/metrics/ttft/{namespace}/{name}", () =>
      errorResponse(503, "the analytics store cannot be opened"),
    );
    api.on("GET", "/api/v1/inference/metrics/pool/{namespace}/{name}", (r) =>
      json({ ...poolMetrics(r.params["namespace"] ?? "", r.params["name"] ?? ""), live: null }),
    );
    api.on("GET", "/api/v1/inference/metrics/gpu", () =>
      json({ ...gpuHeatmap("demo"), available: false, utilization: [], memoryUsed: [] }),
    );
    renderApp("/inference", { api });

    const ttft = await panel("Time to first token");
    expect(await within(ttft).findByRole("alert")).toHaveTextContent(
      "the analytics store cannot be opened",
    );
    expect(
      await within(await panel("KV-cache heatmap")).findByText(/No Prometheus is configured/),
    ).toBeInTheDocument();
    expect(
      await within(await panel("GPU utilisation and memory")).findByText(
        /No Prometheus is configured/,
      ),
    ).toBeInTheDocument();
    expect(within(await panel("Tokens per second")).getByRole("img")).toBeInTheDocument();
  });
});
