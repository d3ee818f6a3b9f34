/** applyBatch: newest first, duplicates ignored, bounded, pods credited, fresh ids marked. */
import { describe, expect, it } from "vitest";

import { decision } from "../dashboard/metricsBuilders";
import { applyBatch, EMPTY_FEED, KEEP } from "./eppFeed";

describe("applyBatch", () => {
  it("keeps decisions newest first and credits the winners", () => {
    const state = applyBatch(
      EMPTY_FEED,
      [decision("a", "p0", 1), decision("b", "p1", 3), decision("c", "p0", 2)],
      10,
    );

    expect(state.decisions.map((d) => d.requestId)).toEqual(["b", "c", "a"]);
    expect(state.tally["p0"]?.picked).toBe(2);
    expect(state.tally["p1"]?.picked).toBe(1);
    expect(state.fresh).toEqual(new Set(["a", "b", "c"]));
    expect(state.lastSentAt).toBe(10);
  });

  it("ignores decisions it already holds", () => {
    const once = applyBatch(EMPTY_FEED, [decision("a", "p0", 1)]);
    const twice = applyBatch(once, [decision("a", "p0", 1), decision("b", "p0", 2)]);

    expect(twice.received).toBe(2);
    expect(twice.tally["p0"]?.picked).toBe(2);
    expect(twice.fresh).toEqual(new Set(["b"]));
  });

  it("keeps at most KEEP decisions", () => {
    const many = Array.from({ length: KEEP + 50 }, (_, i) => decision(`r${String(i)}`, "p0", i));

    const state = applyBatch(EMPTY_FEED, many);

    expect(state.decisions).toHaveLength(KEEP);
    expect(state.decisions[0]?.requestId).toBe(`r${String(KEEP + 49)}`);
  });
});
