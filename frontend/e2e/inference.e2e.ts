/**
 * The inference dashboard and the live EPP visualizer end to end, in headless chromium against
 * the real stack WITH the demo (`ngf-console run --demo` on its own ports: simulated vLLM and
 * Triton fleets, traffic, a real Prometheus, OTLP export into chDB): sign in; the dashboard of
 * the demo's vLLM stack renders every panel with data (waiting for the telemetry to arrive);
 * the EPP visualizer of the Triton stack (composite profile), opened from its pool page,
 * receives decision batches over the WebSocket, and Enter on a request opens the "why" panel
 * with each scorer's weight, raw and weighted score for the winner and — read from the
 * decision endpoint, since the feed leaves them out — for every candidate, as a stacked bar
 * with raw × weight = contribution per scorer. Screenshots, light and dark, go to
 * frontend/test-results/; axe finds no serious or critical violation.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { axeViolations, launch, type Browser } from "./browser";
import { REPO, startStack, type Stack } from "./stack";

const RESULTS = resolve(REPO, "frontend/test-results");
const DEMO = "demo";
const STACK = "llama3-8b-vllm";
const COMPOSITE = "mistral-7b-triton";
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
/** Texts a panel shows instead of data. */
const NO_DATA =
  /No telemetry|Could not load|No Prometheus|No model-server series|No GPU series|No InferenceStacks/;

let stack: Stack;
let browser: Browser;
let page: Page;

async function until(what: string, check: () => Promise<boolean>, seconds = 240): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error(`timed out waiting for ${what} ${last}`);
}

async function screenshots(name: string): Promise<void> {
  for (const theme of ["dark", "light"] as const) {
    await page.evaluate((t) => {
      document.documentElement.classList.toggle("dark", t === "dark");
    }, theme);
    await page.screenshot({ path: resolve(RESULTS, `${name}-${theme}.png`), fullPage: true });
    expect(await axeViolations(page), `${name} (${theme})`).toEqual([]);
  }
}

/** Panels still without data (empty when every panel draws its chart). */
async function panelsWithoutData(): Promise<string[]> {
  const missing: string[] = [];
  for (const title of PANELS) {
    const region = page.getByRole("region", { name: title, exact: true });
    const shape = title === "Cost estimate" ? "table" : "img";
    const text = (await region.count()) > 0 ? await region.innerText() : "";
    const charts = (await region.count()) > 0 ? await region.getByRole(shape).count() : 0;
    if (charts === 0 || NO_DATA.test(text)) missing.push(`${title}: ${text.slice(0, 160)}`);
  }
  return missing;
}

describe("Inference dashboard and EPP visualizer (demo)", () => {
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    stack = await startStack({
      demo: true,
      apiPort: 18482,
      healthPort: 18483,
      prometheusPort: 18490,
    });
    browser = await launch();
    page = await browser.context.newPage();
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(stack.url);
    await page.waitForURL(/\/login$/);
    await page.getByLabel("Access token").fill(stack.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
  });

  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (stack as Stack | undefined)?.stop();
  });

  it("renders every dashboard panel with the demo's data", async () => {
    await page
      .getByRole("navigation", { name: "Primary" })
      .getByRole("link", { name: "Inference dashboard" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Inference dashboard" }).waitFor();
    await until(
      "the demo's stacks",
      async () => (await page.getByRole("combobox", { name: "Pool" }).count()) > 0,
    );
    await page.getByRole("combobox", { name: "Pool" }).selectOption(`${DEMO}/${STACK}`);
    let missing: string[] = [];
    await until("every panel to show data", async () => {
      missing = await panelsWithoutData();
      return missing.length === 0;
    }).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${missing.join("\n")}`);
    });
    const figures = await page.getByLabel("Pool figures over the range").innerText();
    expect(figures).toMatch(/Requests\s+[1-9]/);
    await page.getByRole("button", { name: "Auto-refresh on" }).click();
    await page.getByRole("button", { name: "Auto-refresh paused" }).waitFor();
    await screenshots("inference-dashboard");
  });

  it("receives live EPP decisions and explains a pick with every scorer's score", async () => {
    // The Triton stack routes with the composite profile: all three scorers weigh in.
    await page.goto(new URL(`/inference/pools/${DEMO}/${COMPOSITE}`, stack.url).href);
    await page.getByRole("link", { name: "Live EPP decisions" }).click();
    await page
      .getByRole("heading", { level: 1, name: `EPP decisions: ${DEMO}/${COMPOSITE}` })
      .waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor({ timeout: 60_000 });
    const received = async (): Promise<number> =>
      Number(
        /(\d+) decisions received/.exec(
          await page.getByText(/decisions received/).innerText(),
        )?.[1] ?? "0",
      );
    const before = await received();
    await until(
      "decision batches over the WebSocket",
      async () => (await received()) > before,
      120,
    );
    expect(await page.getByRole("article").count()).toBeGreaterThan(0);
    const flow = page.getByRole("list", { name: "Request flow, newest first" });
    await flow.getByRole("button").first().focus();
    await page.keyboard.press("Enter");
    const why = page.getByRole("region", { name: /^Why .* won / });
    await why.waitFor();
    expect(await why.innerText()).toMatch(/Selected \S+ of \d+/);
    const scorers = why.getByRole("table", { name: /Scores of/ });
    for (const scorer of ["queue-scorer", "kv-cache-utilization-scorer", "prefix-cache-scorer"]) {
      // weight, raw score and weighted score, e.g. "0.4  0.500  0.200"
      const row = await scorers.getByRole("row", { name: new RegExp(scorer) }).innerText();
      expect(row).toMatch(/0\.\d+\s+\d\.\d{3}\s+\d\.\d{3}/);
    }
    // every candidate, read in full from the decision endpoint: a stacked bar and, per
    // scorer, raw × weight = weighted contribution (the composite profile runs all three)
    const candidates = why.getByRole("list", { name: "Every candidate, best first" });
    await candidates.waitFor({ timeout: 30_000 });
    const items = candidates.getByRole("listitem");
    expect(await items.count()).toBeGreaterThan(1);
    expect(await items.first().getAttribute("aria-label")).toMatch(/ \(picked\)$/);
    for (const item of await items.all()) {
      const text = await item.innerText();
      for (const scorer of ["queue-scorer", "kv-cache-utilization-scorer", "prefix-cache-scorer"]) {
        expect(text).toMatch(new RegExp(`${scorer}\\s+-?\\d\\.\\d{3} × 0\\.\\d+ = \\d\\.\\d{3}`));
      }
      expect(await item.getByRole("img").getAttribute("aria-label")).toMatch(
        /^queue \d\.\d{3} \+ KV-cache \d\.\d{3} \+ prefix \d\.\d{3} = \d\.\d{3} of at most 1\.000$/,
      );
    }
    await screenshots("inference-epp");
  });
});
