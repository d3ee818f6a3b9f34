/**
 * NGF Console end to end, in headless chromium against the real stack (local control plane,
 * operator, API server serving the built SPA): sign in with a token; create an InferenceStack
 * through the wizard and watch it reach Ready live (the test plays the kubelet by patching
 * Deployment status); see it in the list and its children on the detail page; change the
 * strategy and see the diff before applying; delete it; create a GatewayBundle with two
 * listeners and see its children, conditions and events; on a simulated NGF OSS the WAF and
 * Advanced steps are greyed and no Plus-only call is made; toggle the theme. axe finds no
 * serious or critical violation on any page (every wizard step included) in either theme, and
 * a screenshot of each, `<page>-<theme>.png`, goes to frontend/test-results/.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { axeViolations, launch, type Browser } from "./browser";
import {
  kubectl,
  markDeploymentsAvailable,
  REPO,
  simulateOssNgf,
  startStack,
  type Stack,
} from "./stack";

const RESULTS = resolve(REPO, "frontend/test-results");
const NAMESPACE = `e2e-${Date.now().toString(36)}`;
const STACK = "llama3";
const GATEWAY = "inference-gateway";

let stack: Stack;
let removeNgf: (() => void) | undefined;
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

/** Polls `check` once a second until it holds; the machine may be slow and shared. */
async function until(what: string, check: () => Promise<boolean>, seconds = 240): Promise<void> {
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
    removeNgf = simulateOssNgf(stack.kubeconfig);
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
        removeNgf?.();
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
    await page.getByText("NGF OSS", { exact: true }).waitFor();
    await page.getByRole("combobox", { name: "Namespace" }).selectOption(NAMESPACE);
    await checkPage("overview");
  });

  it("creates an InferenceStack through the wizard and follows it live to Ready", async () => {
    await page.goto(new URL("/inference/pools", stack.url).href);
    await page.getByRole("region", { name: "No inference pools yet" }).waitFor();
    await checkPage("inference-pools-empty");
    await page.getByRole("link", { name: "Create inference pool" }).click();
    await page.getByRole("heading", { name: "Step 1 of 6: Model backend" }).waitFor();
    await checkPage("inference-wizard-1-model");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByLabel("Model name").getAttribute("aria-invalid")).resolves.toBe("true");
    await checkPage("inference-wizard-1-model-errors");
    await page.getByLabel("Serving backend").selectOption("vllm");
    await page.getByLabel("Model name").fill("llama-3-8b");
    await page.getByLabel("Container image").fill("vllm/vllm-openai:v0.6.3");
    await page.getByLabel("GPUs per pod").fill("0");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: "Step 2 of 6: Pool" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill(STACK);
    await page.getByLabel("Namespace", { exact: true }).last().fill(NAMESPACE);
    await checkPage("inference-wizard-2-pool");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: "Step 3 of 6: Endpoint picker" }).waitFor();
    await page.getByRole("radio", { name: /Composite/ }).check();
    await checkPage("inference-wizard-3-epp");
    await page.getByRole("radio", { name: /Least queue/ }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: "Step 4 of 6: Autoscaling" }).waitFor();
    await checkPage("inference-wizard-4-autoscaling");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: "Step 5 of 6: Gateway" }).waitFor();
    await page.getByRole("radio", { name: "An existing Gateway" }).check();
    await page.getByLabel("Gateway", { exact: true }).selectOption(`${NAMESPACE}/${GATEWAY}`);
    await page.getByLabel("Path prefix").fill("/v1/models/llama3");
    await checkPage("inference-wizard-5-gateway");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("The API server accepts this InferenceStack.").waitFor();
    const yaml = await page.getByLabel("InferenceStack YAML (read-only)").textContent();
    expect(yaml).toContain(`gatewayRef:\n      name: ${GATEWAY}`);
    await checkPage("inference-wizard-6-review");
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByRole("heading", { name: `Deploying ${NAMESPACE}/${STACK}` }).waitFor();
    await checkPage("inference-deploy-progress");

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
    await expect(page.getByLabel("Model name").inputValue()).resolves.toBe("llama-3-8b");
    await checkPage("inference-pool-edit");
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
    await page.getByRole("region", { name: "No gateways yet" }).waitFor();
    await checkPage("gateways-empty");
    await page.getByRole("link", { name: "Create gateway" }).click();
    await page.getByRole("heading", { name: "Step 1 of 5: GatewayClass" }).waitFor();
    await expect(page.getByLabel("GatewayClass").inputValue()).resolves.toBe("nginx");
    await checkPage("gateway-wizard-1-class");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: "Step 2 of 5: Gateway and listeners" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("edge");
    await page.getByLabel("Namespace", { exact: true }).last().fill(NAMESPACE);
    await page.getByLabel("Listener 1 port").fill("8090");
    await page.getByRole("button", { name: "Add listener" }).click();
    await page.getByLabel("Listener 2 port").fill("8091");
    await page.getByLabel("Listener 2 hostname").fill("*.example.com");
    await page.getByLabel("Listener 2 port").fill("8088");
    await page.getByText(`Port 8088 is already used by Gateway ${NAMESPACE}/${GATEWAY}.`).waitFor();
    await page.getByLabel("Listener 2 port").fill("8091");
    await checkPage("gateway-wizard-2-listeners");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: "Step 3 of 5: WAF policy" }).waitFor();
    await expect(
      page.getByRole("button", { name: "WAF policy", exact: true }).getAttribute("aria-disabled"),
    ).resolves.toBe("true");
    await page
      .getByText("Requires NGINX Gateway Fabric Enterprise. Contact F5 for a trial.")
      .waitFor();
    await checkPage("gateway-wizard-3-waf");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: "Step 4 of 5: Advanced" }).waitFor();
    await expect(
      page
        .getByRole("button", { name: "NginxProxy tuning", exact: true })
        .getAttribute("aria-disabled"),
    ).resolves.toBe("true");
    await checkPage("gateway-wizard-4-advanced");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("The API server accepts this GatewayBundle.").waitFor();
    await checkPage("gateway-wizard-5-review");
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByRole("link", { name: `Open ${NAMESPACE}/edge` }).click();
    await page.getByRole("heading", { level: 1, name: "edge" }).waitFor();
    await page.getByText(/listener-2: HTTP port 8091 for \*\.example\.com/).waitFor();
    const children = page.getByRole("table", { name: "Child resources" });
    await until("the operator to report the Gateway child", () =>
      children.getByRole("rowheader", { name: "Gateway", exact: true }).isVisible(),
    );
    await page.getByRole("heading", { name: "Conditions" }).waitFor();
    await page.getByRole("heading", { name: "Drift and events" }).waitFor();
    // Someone changes the Gateway behind the operator's back: the operator puts it back and
    // the page shows the repair among the events, without a reload.
    kubectl(stack.kubeconfig, [
      "-n",
      NAMESPACE,
      "patch",
      "gateway",
      "edge",
      "--type=json",
      '-p=[{"op": "replace", "path": "/spec/listeners/0/port", "value": 9999}]',
    ]);
    await page
      .getByRole("region", { name: "Drift and events" })
      .getByText(/DriftRepaired/)
      .first()
      .waitFor({ timeout: 240_000 });
    const ports = kubectl(stack.kubeconfig, [
      "-n",
      NAMESPACE,
      "get",
      "gateway",
      "edge",
      "-o=jsonpath={.spec.listeners[*].port}",
    ]);
    expect(ports).toBe("8090 8091");
    await checkPage("gateway-detail");
    // No Plus-only API call was made at any point of the session on OSS.
    expect(apiCalls.filter((p) => p.startsWith("/api/v1/policies/waf"))).toEqual([]);
  });

  it("lists the gateway with its listeners, attached routes and status", async () => {
    await page.goto(new URL("/gateways", stack.url).href);
    const row = page.getByRole("row").filter({ hasText: "edge" });
    await row.waitFor();
    // Namespace, class, listeners, attached routes (none yet), status.
    await expect
      .poll(() => row.getByRole("cell").allTextContents(), { timeout: 120_000, interval: 1000 })
      .toEqual([NAMESPACE, "nginx", "http HTTP:8090, listener-2 HTTP:8091", "0", "Ready"]);
    await checkPage("gateways");
  });

  it("says when a page does not exist", async () => {
    await page.goto(new URL("/no/such/page", stack.url).href);
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    await checkPage("not-found");
  });

  it("opens pages from the command palette and toggles the theme", async () => {
    await page.keyboard.press("Control+k");
    await page.getByRole("combobox", { name: "Search pages and resources" }).fill("gateways");
    await checkPage("command-palette");
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
