/**
 * The live EPP visualizer against a fake API and a fake WebSocket: pod cards from the pods
 * endpoint; the REST page seeds the flow; a decision batch from the socket adds requests and
 * credits the winning pods; clicking (or Enter on) a request shows why its pod won with each
 * scorer's weight, raw and weighted score and every candidate's total; a closed socket says
 * it is reconnecting.
 */
import { act, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";

import { decision, decisionList, poolPods } from "../inference/dashboard/metricsBuilders";
import { FakeApi, json } from "../test/FakeApi";
import { FakeSocket } from "../test/FakeSocket";
import { inferenceStack } from "../test/builders";
import { renderApp } from "../test/renderApp";

const SLOW = 30_000;
const PATH = "/inference/pools/demo/llama/epp";

function eppApi(seed = [decision("req-seed-0001", "llama-model-2", 0)]): FakeApi {
  const stack = inferenceStack("demo", "llama");
  stack.spec.epp = {
    ...stack.spec.epp,
    strategy: "composite",
    compositeWeights: { queueDepth: 0.4, kvCache: 0.3, prefixCache: 0.3 },
  };
  const api = new FakeApi();
  api.on("GET", "/api/v1/inferencestacks/{namespace}/{name}", () => json(stack));
  api.on("GET", "/api/v1/inference/metrics/pool/{namespace}/{name}/pods", () =>
    json(poolPods("demo", "llama")),
  );
  api.on("GET", "/api/v1/inference/metrics/epp/{namespace}/{name}", () => json(decisionList(seed)));
  return api;
}

async function eppSocket(): Promise<FakeSocket> {
  await expect
    .poll(() => FakeSocket.opened.find((s) => s.url.includes("/ws/inference/epp/")))
    .toBeDefined();
  const socket = FakeSocket.opened.find((s) => s.url.includes("/ws/inference/epp/"));
  if (socket === undefined) throw new Error("no EPP socket");
  return socket;
}

describe("InferenceEppPage", () => {
  beforeEach(() => {
    FakeSocket.opened.length = 0;
  });

  it(
    "renders a card per pod and seeds the flow from the REST page",
    async () => {
      renderApp(PATH, { api: eppApi() });

      const card = await screen.findByRole("article", { name: "Pod llama-model-1" });
      expect(within(card).getByRole("img", { name: "KV-cache 50% used" })).toBeInTheDocument();
      expect(
        within(card).getByRole("meter", { name: "Queue depth of llama-model-1" }),
      ).toHaveAttribute("aria-valuetext", "3 waiting");
      expect(within(card).getByText("71%")).toBeInTheDocument();
      expect(within(card).getByText("60 / 80 GiB")).toBeInTheDocument();
      expect(screen.getAllByRole("article")).toHaveLength(3);
      const flow = await screen.findByRole("list", { name: "Request flow, newest first" });
      expect(
        within(flow).getByRole("button", { name: /req-seed-0.*llama-model-2/ }),
      ).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    "applies a decision batch and shows why a pod won, with every scorer's score",
    async () => {
      const { user } = renderApp(PATH, { api: eppApi([]) });
      const socket = await eppSocket();
      expect(socket.url).toMatch(/\/api\/v1\/ws\/inference\/epp\/demo\/llama$/);
      expect(socket.protocols[0]).toMatch(/^base64url\.bearer\.authorization\.k8s\.io\./);
      await screen.findByText("No decisions yet", { exact: false });

      act(() => {
        socket.serverSends({
          type: "subscribed",
          namespace: "demo",
          name: "llama",
          pool: "llama",
          intervalSeconds: 1,
        });
        socket.serverSends({
          type: "decisions",
          namespace: "demo",
          name: "llama",
          pool: "llama",
          sentAt: 1_780_000_002,
          decisions: [
            decision("req-aaaa-0001", "llama-model-0", 1),
            decision("req-bbbb-0002", "llama-model-1", 2),
          ],
        });
      });

      expect(screen.getByRole("status")).toHaveTextContent("Live");
      expect(screen.getByText(/2 decisions received/)).toBeInTheDocument();
      const flow = screen.getByRole("list", { name: "Request flow, newest first" });
      const buttons = within(flow).getAllByRole("button");
      expect(buttons[0]).toHaveAccessibleName(/req-bbbb-0.*llama-model-1/);
      expect(
        within(screen.getByRole("article", { name: "Pod llama-model-0" })).getByText(
          "hit on last request",
        ),
      ).toBeInTheDocument();

      await user.click(within(flow).getByRole("button", { name: /req-aaaa-0/ }));

      const why = screen.getByRole("region", { name: /Why llama-model-0 won/ });
      expect(why).toHaveTextContent("Selected llama-model-0 of 3");
      const scorers = within(why).getByRole("table", { name: /Scores of llama-model-0/ });
      const queue = within(scorers).getByRole("row", { name: /queue-scorer/ });
      // weight 0.4, weighted 0.2 → raw 0.5
      expect(
        within(queue)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      ).toEqual(["shortest waiting queue (min-max over candidates)", "0.4", "0.500", "0.200"]);
      const kv = within(scorers).getByRole("row", { name: /kv-cache-utilization-scorer/ });
      expect(
        within(kv)
          .getAllByRole("cell")
          .map((c) => c.textContent)
          .slice(1),
      ).toEqual(["0.3", "0.550", "0.165"]);
      const prefix = within(scorers).getByRole("row", { name: /prefix-cache-scorer/ });
      expect(
        within(prefix)
          .getAllByRole("cell")
          .map((c) => c.textContent)
          .slice(1),
      ).toEqual(["0.3", "0.750", "0.225"]);
      const candidates = within(why).getByRole("table", { name: /Every candidate/ });
      expect(within(candidates).getByRole("row", { name: /llama-model-2/ })).toHaveTextContent(
        "−0.290",
      );
      expect(
        within(candidates).getByRole("row", { name: /llama-model-0 \(picked\)/ }),
      ).toHaveTextContent("tied for best");
    },
    SLOW,
  );

  it(
    "opens the why panel from the keyboard",
    async () => {
      const { user } = renderApp(PATH, { api: eppApi() });
      const flow = await screen.findByRole("list", { name: "Request flow, newest first" });
      within(flow)
        .getByRole("button", { name: /req-seed-0/ })
        .focus();

      await user.keyboard("{Enter}");

      expect(screen.getByRole("region", { name: /Why llama-model-2 won/ })).toBeInTheDocument();
      expect(within(flow).getByRole("button", { name: /req-seed-0/ })).toHaveAttribute(
        "aria-pressed",
        "true",
      );
    },
    SLOW,
  );

  it(
    "says when the stream drops and reconnects",
    async () => {
      renderApp(PATH, { api: eppApi() });
      const socket = await eppSocket();

      act(() => {
        socket.dispatchEvent(new Event("close"));
      });

      expect(screen.getByRole("status")).toHaveTextContent("Disconnected; reconnecting…");
    },
    SLOW,
  );
});
