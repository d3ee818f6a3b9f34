/**
 * NGF Console end to end, in headless chromium against the real stack (local control plane,
 * operator, API server serving the built SPA): sign in with a token; create an InferenceStack
 * through the wizard and watch it reach Ready live (the test plays the kubelet by patching
 * Deployment status); see it in the list and its children on the detail page; change the
 * strategy and see the diff before applying; delete it; create a GatewayBundle with two
 * listeners; the WAF step is greyed on the (OSS) cluster with no WAF call; toggle the theme;
 * axe finds no serious or critical violation on any page. Screenshots of every page, light
 * and dark, go to frontend/test-results/.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { axeViolations, launch, type Browser } from "./browser";
import { kubectl, markDeploymentsAvailable, REPO, startStack, type Stack } from "./stack";

const RESULTS = resolve(REPO, "frontend/test-results");
const NAMESPACE = `e2e-${Date.now().toString(36)}`;
const STACK = "llama3";
const GATEWAY = "inference-gateway";

let stack: Stack;
let browser: Browser;
let page: Page;
const apiCalls: string[] = [];

async function checkPage(name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  for (const theme of ["dark", "light"] as const) {
    await page.evaluate((t) => {
      document.documentElement.classList.toggle("dark", t === "dark");
    }, theme);
    await page.screenshot({ path: resolve(RESULTS, `${name}-${theme}.png`), fullPage: true });
    expect(await axeViolations(page), `${name} (${theme})`).toEqual([]);
  }
  await page.evaluate(() => {
    document.documentElement.classList.toggle(
      "dark",
      localStorage.getItem("ngf-console.theme") !== "light",
    );
  });
}

async function until(what: string, check: () => Promise<boolean>, seconds = 90): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("NGF Console", () => {
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    stack = await startStack();
    kubectl(stack.kubeconfig, ["create", "namespace", NAMESPACE]);
    kubectl(
      stack.kubeconfig,
      ["apply", "-f", "-"],
      JSON.stringify({
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "Gateway",
        metadata: { name: GATEWAY, namespace: NAMESPACE },
        spec: {
          gatewayClassName: "nginx",
          listeners: [{ name: "http", port: 8088, protocol: "HTTP" }],
        },
      }),
    );
    browser = await launch();
    page = await browser.context.newPage();
    page.on("request", (r) => {
      apiCalls.push(new URL(r.url()).pathname);
    });
  });

  afterAll(async () => {
    // beforeAll may have failed part-way: undo only what it did.
    const started = stack as Stack | undefined;
    await (browser as Browser | undefined)?.close();
    if (started !== undefined) {
      try {
        kubectl(started.kubeconfig, ["delete", "namespace", NAMESPACE, "--wait=false"]);
      } finally {
        await started.stop();
      }
    }
  });

  it("signs in with a token", async () => {
    await page.goto(stack.url);
    await page.waitForURL(/\/login$/);
    await checkPage("login");
    await page.getByLabel("Access token").fill(stack.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await page.getByText(/NGF (OSS|Enterprise|Edition unknown)/).waitFor();
    await page.getByRole("combobox", { name: "Namespace" }).selectOption(NAMESPACE);
    await checkPage("overview");
  });

  it("creates an InferenceStack through the wizard and follows it live to Ready", async () => {
    await page.goto(new URL("/inference/pools", stack.url).href);
    await page.getByRole("region", { name: "No inference pools yet" }).waitFor();
    await checkPage("inference-pools-empty");
    await page.getByRole("link", { name: "Create inference pool" }).click();
    await checkPage("inference-wizard");
    await page.getByLabel("Serving backend").selectOption("vllm");
    await page.getByLabel("Model name").fill("llama-3-8b");
    await page.getByLabel("Container image").fill("vllm/vllm-openai:v0.6.3");
    await page.getByLabel("GPUs per pod").fill("0");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Name", { exact: true }).fill(STACK);
    await page.getByLabel("Namespace", { exact: true }).last().fill(NAMESPACE);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: /Step 3 of 6/ }).waitFor();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: /Step 4 of 6/ }).waitFor();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("radio", { name: "An existing Gateway" }).check();
    await page.getByLabel("Gateway", { exact: true }).selectOption(`${NAMESPACE}/${GATEWAY}`);
    await page.getByLabel("Path prefix").fill("/v1/models/llama3");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("The API server accepts this InferenceStack.").waitFor();
    const yaml = await page.getByLabel("InferenceStack YAML (read-only)").textContent();
    expect(yaml).toContain(`gatewayRef:\n      name: ${GATEWAY}`);
    await checkPage("inference-wizard-review");
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByRole("heading", { name: `Deploying ${NAMESPACE}/${STACK}` }).waitFor();

    await until("the stack to be Ready", async () => {
      markDeploymentsAvailable(stack.kubeconfig, NAMESPACE);
      return page.getByText("The stack is ready.").isVisible();
    });
    await page
      .getByRole("table", { name: "Child resources" })
      .getByRole("rowheader", { name: "InferencePool" })
      .waitFor();
  });

  it("lists the stack and shows its children and conditions", async () => {
    await page.goto(new URL("/inference/pools", stack.url).href);
    const row = page.getByRole("row").filter({ hasText: STACK });
    await row.getByText("Ready", { exact: true }).waitFor();
    await expect(row.textContent()).resolves.toContain("llama-3-8b");
    await checkPage("inference-pools");
    await row.getByRole("link", { name: STACK }).click();
    await page.getByRole("heading", { level: 1, name: STACK }).waitFor();
    await page.getByRole("heading", { name: "Children" }).waitFor();
    await page.getByRole("rowheader", { name: "Endpoint Picker" }).waitFor();
    await page.getByRole("rowheader", { name: "Ready" }).waitFor();
    await checkPage("inference-pool-detail");
  });

  it("changes the strategy, showing the diff before applying", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Model name").waitFor();
    for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("radio", { name: /Prefix cache affinity/ }).check();
    for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Next" }).click();
    const diff = page.getByRole("region", { name: "Changes against the current spec" });
    await diff.waitFor();
    await expect(diff.textContent()).resolves.toContain("strategy: prefix_affinity");
    await page.getByText("The API server accepts this InferenceStack.").waitFor();
    await checkPage("inference-pool-edit-review");
    await page.getByRole("button", { name: "Apply changes", exact: true }).click();
    await page.getByRole("heading", { name: `Deploying ${NAMESPACE}/${STACK}` }).waitFor();
    const stored = JSON.parse(
      kubectl(stack.kubeconfig, ["-n", NAMESPACE, "get", "inferencestack", STACK, "-o", "json"]),
    ) as { spec: { epp: { strategy: string } } };
    expect(stored.spec.epp.strategy).toBe("prefix_affinity");
  });

  it("deletes the stack after a confirmation listing its children", async () => {
    await page.goto(new URL(`/inference/pools/${NAMESPACE}/${STACK}`, stack.url).href);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.textContent()).resolves.toContain("InferencePool");
    await checkPage("inference-pool-delete");
    await dialog.getByRole("button", { name: `Delete ${STACK}` }).click();
    await page.waitForURL(/\/inference\/pools$/);
    await until("the stack to be gone", () =>
      Promise.resolve(
        !kubectl(stack.kubeconfig, [
          "-n",
          NAMESPACE,
          "get",
          "inferencestacks",
          "-o",
          "name",
        ]).includes(STACK),
      ),
    );
  });

  it("creates a GatewayBundle with two listeners; WAF is greyed on OSS with no WAF call", async () => {
    await page.goto(new URL("/gateways", stack.url).href);
    await checkPage("gateways");
    await page.getByRole("link", { name: "Create gateway" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Name", { exact: true }).fill("edge");
    await page.getByLabel("Namespace", { exact: true }).last().fill(NAMESPACE);
    await page.getByLabel("Listener 1 port").fill("8090");
    await page.getByRole("button", { name: "Add listener" }).click();
    await page.getByLabel("Listener 2 port").fill("8091");
    await page.getByLabel("Listener 2 hostname").fill("*.example.com");
    await checkPage("gateway-wizard-listeners");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: /Step 3 of 5: WAF policy/ }).waitFor();
    const edition = await page.getByText(/^NGF /).first().textContent();
    if (edition?.includes("OSS") === true) {
      await expect(
        page.getByRole("button", { name: "WAF policy" }).getAttribute("aria-disabled"),
      ).resolves.toBe("true");
      await page
        .getByText("Requires NGINX Gateway Fabric Enterprise. Contact F5 for a trial.")
        .waitFor();
      expect(apiCalls.filter((p) => p.startsWith("/api/v1/policies/waf"))).toEqual([]);
    }
    await checkPage("gateway-wizard-waf");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("The API server accepts this GatewayBundle.").waitFor();
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByRole("link", { name: `Open ${NAMESPACE}/edge` }).click();
    await page.getByRole("heading", { level: 1, name: "edge" }).waitFor();
    await page.getByText("listener-2: HTTP port 8091 for *.example.com").waitFor();
    await checkPage("gateway-detail");
  });

  it("opens pages from the command palette and toggles the theme", async () => {
    await page.keyboard.press("Control+k");
    await page.getByRole("combobox", { name: "Search pages and resources" }).fill("gateways");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Gateways" }).waitFor();
    const toggle = page.getByRole("button", { name: "Dark mode" });
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
    await toggle.click();
    await expect(
      page.evaluate(() => document.documentElement.classList.contains("dark")),
    ).resolves.toBe(false);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Gateways" }).waitFor();
    await expect(
      page.evaluate(() => document.documentElement.classList.contains("dark")),
    ).resolves.toBe(false);
  });
});
