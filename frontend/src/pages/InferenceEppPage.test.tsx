/**
 * The live EPP visualizer against a fake API and a fake WebSocket: pod cards from the pods
 * endpoint; the REST page seeds the flow; a decision batch from the socket (candidates left
 * out, as the feed sends them) adds requests and credits the winning pods; clicking (or Enter
 * on) a request reads the decision in full (with its time, `at`) and shows why its pod won:
 * the winner's weight, raw and weighted score per scorer, and every candidate's stacked bar
 * with raw × weight = contribution and its inputs; a seeded decision needs no request; more
 * than 8 candidates show the top 8 and a "show all" toggle; a failed read says why, what to
 * do, and tries again on request; a closed socket says it is reconnecting.
 */
import { act, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";

import type { EppDecision } from "../inference/dashboard/metricsTypes";
import {
  candidate,
  decision,
  decisionList,
  live,
  poolPods,
} from "../inference/dashboard/metricsBuilders";
import { errorResponse, FakeApi, json } from "../test/FakeApi";
import { FakeSocket } from "../test/FakeSocket";
import { inferenceStack } from "../test/builders";
import { renderApp } from "../test/renderApp";

const SLOW = 30_000;
const PATH = "/inference/pools/demo/llama/epp";
const DETAIL = "/api/v1/inference/metrics/epp/{namespace}/{name}/decisions/{requestId}";

function eppApi(
  seed = [decision("req-seed-0001", "llama-model-2", 0)],
  full: readonly EppDecision[] = [],
): FakeApi {
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
  api.on("GET", DETAIL, (request) => {
    const found = full.find((d) => d.requestId === request.params["requestId"]);
    return found === undefined
      ? errorResponse(404, `no EPP decision for request '${request.params["requestId"] ?? ""}'`)
      : json(found);
  });
  return api;
}

function detailRequests(api: FakeApi): readonly { requestId: string; at: string | null }[] {
  return api.requests
    .filter((r) => r.path.includes("/decisions/"))
    .map((r) => ({ requestId: r.params["requestId"] ?? "", at: r.query.get("at") }));
}

async function openSocket(): Promise<FakeSocket> {
  const socket = await eppSocket();
  act(() => {
    socket.serverSends({
      type: "subscribed",
      namespace: "demo",
      name: "llama",
      pool: "llama",
      intervalSeconds: 1,
    });
  });
  return socket;
}

function sendBatch(socket: FakeSocket, decisions: readonly EppDecision[]): void {
  act(() => {
    socket.serverSends({
      type: "decisions",
      namespace: "demo",
      name: "llama",
      pool: "llama",
      sentAt: 1_780_000_002,
      decisions: decisions.map(live),
    });
  });
}

function cells(row: HTMLElement): (string | null)[] {
  return within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent);
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
    "applies a decision batch and shows why a pod won, with every candidate's scorer scores",
    async () => {
      const full = [
        decision("req-aaaa-0001", "llama-model-0", 1),
        decision("req-bbbb-0002", "llama-model-1", 2),
      ];
      const api = eppApi([], full);
      const { user } = renderApp(PATH, { api });
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
      });
      sendBatch(socket, full);

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
      expect(detailRequests(api)).toEqual([]);

      await user.click(within(flow).getByRole("button", { name: /req-aaaa-0/ }));

      const why = screen.getByRole("region", { name: /Why llama-model-0 won/ });
      expect(why).toHaveTextContent("Selected llama-model-0 of 3");
      const candidates = await within(why).findByRole("list", {
        name: "Every candidate, best first",
      });
      // the full decision was read once, with the decision's time
      expect(detailRequests(api)).toEqual([
        { requestId: "req-aaaa-0001", at: full[0]?.timestamp ?? "" },
      ]);
      const scorers = within(why).getByRole("table", { name: /Scores of llama-model-0/ });
      expect(cells(within(scorers).getByRole("row", { name: /queue-scorer/ }))).toEqual([
        "shortest waiting queue (min-max over candidates)",
        "0.4",
        "0.500",
        "0.200",
      ]);
      expect(
        cells(within(scorers).getByRole("row", { name: /kv-cache-utilization-scorer/ })).slice(1),
      ).toEqual(["0.3", "0.550", "0.165"]);
      expect(
        cells(within(scorers).getByRole("row", { name: /prefix-cache-scorer/ })).slice(1),
      ).toEqual(["0.3", "0.750", "0.225"]);

      const items = within(candidates).getAllByRole("listitem");
      expect(items.map((i) => i.getAttribute("aria-label"))).toEqual([
        "llama-model-0 (picked)",
        "llama-model-1",
        "llama-model-2",
      ]);
      const winner = within(candidates).getByRole("listitem", { name: "llama-model-0 (picked)" });
      expect(winner).toHaveTextContent("total 0.590 · tied for best");
      expect(within(winner).getByRole("img")).toHaveAccessibleName(
        "queue 0.200 + KV-cache 0.165 + prefix 0.225 = 0.590 of at most 1.000",
      );
      const runnerUp = within(candidates).getByRole("listitem", { name: "llama-model-1" });
      expect(runnerUp).toHaveTextContent("total 0.410 · −0.180 behind");
      expect(runnerUp).toHaveTextContent("queue-scorer0.250 × 0.4 = 0.100");
      expect(runnerUp).toHaveTextContent("kv-cache-utilization-scorer0.700 × 0.3 = 0.210");
      expect(runnerUp).toHaveTextContent("prefix-cache-scorer0.333 × 0.3 = 0.100");
      expect(runnerUp).toHaveTextContent("queue 3 · KV-cache 30% · prefix 2/8 blocks");
      const last = within(candidates).getByRole("listitem", { name: "llama-model-2" });
      expect(last).toHaveTextContent("−0.290 behind");
      expect(within(last).getByRole("img")).toHaveAccessibleName(
        "queue 0.000 + KV-cache 0.300 + prefix 0.000 = 0.300 of at most 1.000",
      );
      expect(within(why).queryByRole("button", { name: /Show all/ })).toBeNull();
    },
    SLOW,
  );

  it(
    "shows the top 8 candidates and all of them on request",
    async () => {
      const many: EppDecision = {
        ...decision("req-many-0001", "pod-00", 1),
        candidateCount: 12,
        candidates: Array.from({ length: 12 }, (_, i) =>
          candidate(
            `pod-${String(i).padStart(2, "0")}`,
            { queue: 1 - i / 12, kvCache: 0.5, prefix: 0 },
            { queueDepth: i, kvCachePct: 50, matched: 0 },
          ),
        ).reverse(), // the panel sorts them itself
      };
      const api = eppApi([], [many]);
      const { user } = renderApp(PATH, { api });
      sendBatch(await openSocket(), [many]);
      const flow = screen.getByRole("list", { name: "Request flow, newest first" });
      await user.click(within(flow).getByRole("button", { name: /req-many-0/ }));
      const why = screen.getByRole("region", { name: /Why pod-00 won/ });
      const candidates = await within(why).findByRole("list", {
        name: "Every candidate, best first",
      });
      expect(within(candidates).getAllByRole("listitem")).toHaveLength(8);
      expect(within(candidates).getAllByRole("listitem")[0]).toHaveAccessibleName(
        "pod-00 (picked)",
      );
      const toggle = within(why).getByRole("button", { name: "Show all 12 candidates" });
      expect(toggle).toHaveAttribute("aria-expanded", "false");

      toggle.focus();
      await user.keyboard("{Enter}");

      expect(within(candidates).getAllByRole("listitem")).toHaveLength(12);
      expect(within(candidates).getAllByRole("listitem")[11]).toHaveAccessibleName("pod-11");
      expect(within(why).getByRole("button", { name: "Show the top 8" })).toHaveAttribute(
        "aria-expanded",
        "true",
      );
    },
    SLOW,
  );

  it(
    "says why the scores could not be read and tries again",
    async () => {
      const full: EppDecision[] = [];
      const api = eppApi([], full);
      const { user } = renderApp(PATH, { api });
      const wanted = decision("req-late-0001", "llama-model-1", 1);
      sendBatch(await openSocket(), [wanted]);
      const flow = screen.getByRole("list", { name: "Request flow, newest first" });
      await user.click(within(flow).getByRole("button", { name: /req-late-0/ }));

      const why = screen.getByRole("region", { name: /Why llama-model-1 won/ });
      const alert = await within(why).findByRole("alert");
      expect(alert).toHaveTextContent(
        "Could not load every candidate's scores: no EPP decision for request 'req-late-0001'. Try again in a few seconds, or pick a more recent request.",
      );
      // the winner's own scores (from the feed and the stack's weights) still show
      const scorers = within(why).getByRole("table", { name: /Scores of llama-model-1/ });
      expect(cells(within(scorers).getByRole("row", { name: /queue-scorer/ })).slice(1)).toEqual([
        "0.4",
        "0.500",
        "0.200",
      ]);

      full.push(wanted);
      await user.click(within(alert).getByRole("button", { name: "Try again" }));

      const candidates = await within(why).findByRole("list", {
        name: "Every candidate, best first",
      });
      expect(within(candidates).getAllByRole("listitem")).toHaveLength(3);
      expect(within(why).queryByRole("alert")).toBeNull();
    },
    SLOW,
  );

  it(
    "opens the why panel from the keyboard",
    async () => {
      const api = eppApi();
      const { user } = renderApp(PATH, { api });
      const flow = await screen.findByRole("list", { name: "Request flow, newest first" });
      within(flow)
        .getByRole("button", { name: /req-seed-0/ })
        .focus();

      await user.keyboard("{Enter}");

      const why = screen.getByRole("region", { name: /Why llama-model-2 won/ });
      expect(within(flow).getByRole("button", { name: /req-seed-0/ })).toHaveAttribute(
        "aria-pressed",
        "true",
      );
      // the REST page's decision lists every candidate: no request for it
      expect(
        within(why)
          .getAllByRole("listitem")
          .map((i) => i.getAttribute("aria-label")),
      ).toEqual(["llama-model-2 (picked)", "llama-model-0", "llama-model-1"]);
      expect(detailRequests(api)).toEqual([]);
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
