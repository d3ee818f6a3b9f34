/**
 * The five-step gateway wizard (spec §3.2) producing one GatewayBundle: GatewayClass, gateway
 * and listeners (port conflicts against existing Gateways, hostname and TLS rules), WAF
 * (Enterprise), advanced NginxProxy options (Enterprise), review with dry run and deploy.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ReactElement } from "react";
import { useFieldArray, useForm, useWatch, type UseFormReturn } from "react-hook-form";
import { Link } from "react-router";

import { ApiError, unwrap } from "../api/ApiError";
import { clusterQueries } from "../api/queries/clusterQueries";
import { gatewayQueries } from "../api/queries/gatewayQueries";
import { useApi } from "../api/useApi";
import { FormField } from "../components/FormField";
import { useWizardSteps, type WizardStep } from "../components/useWizardSteps";
import { WizardSteps } from "../components/WizardSteps";
import { YamlPreview } from "../components/YamlPreview";
import { EnterpriseGate } from "../gate/EnterpriseGate";
import { useToastStore } from "../toast/toastStore";
import {
  gatewayBundleFormSchema,
  newListener,
  portConflicts,
  toGatewayBundleCreate,
  type GatewayBundleForm,
  type ListenerForm,
} from "./gatewayBundleForm";

type Form = UseFormReturn<GatewayBundleForm>;

const STEPS: readonly WizardStep<GatewayBundleForm>[] = [
  { title: "GatewayClass", fields: ["gatewayClassName"] },
  { title: "Gateway and listeners", fields: ["name", "namespace", "listeners", "allowedRoutes"] },
  { title: "WAF policy", fields: ["waf"] },
  { title: "Advanced", fields: ["workerProcesses"] },
  { title: "Review & deploy", fields: [] },
];

function listenerField<K extends keyof ListenerForm>(
  i: number,
  key: K,
): `listeners.${number}.${K}` {
  return ["listeners", String(i), key].join(".") as `listeners.${number}.${K}`;
}

function errorOf(form: Form, path: string): string | undefined {
  let node: unknown = form.formState.errors;
  for (const part of path.split(".")) {
    node =
      typeof node === "object" && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  if (typeof node === "object" && node !== null && "message" in node) {
    const m = node.message;
    return typeof m === "string" ? m : undefined;
  }
  return undefined;
}

function ClassStep({ form }: { form: Form }): ReactElement {
  const { client } = useApi();
  const classes = useQuery(clusterQueries.gatewayClasses(client));
  const names = (classes.data?.items ?? []).flatMap((c) =>
    c.metadata.name ? [c.metadata.name] : [],
  );
  return (
    <FormField
      label="GatewayClass"
      error={errorOf(form, "gatewayClassName")}
      hint="The class decides which controller (NGINX Gateway Fabric) runs the Gateway."
    >
      {(p) => (
        <select {...p} {...form.register("gatewayClassName")}>
          {!names.includes(form.getValues("gatewayClassName")) && (
            <option value={form.getValues("gatewayClassName")}>
              {form.getValues("gatewayClassName")}
            </option>
          )}
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

function ListenersStep({ form }: { form: Form }): ReactElement {
  const { client } = useApi();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "listeners" });
  const listeners = useWatch({ control: form.control, name: "listeners" });
  const [namespace, name] = useWatch({ control: form.control, name: ["namespace", "name"] });
  const gateways = useQuery(clusterQueries.gateways(client, ""));
  const secrets = useQuery(clusterQueries.secrets(client, namespace));
  const conflicts = portConflicts(listeners, gateways.data?.items ?? [], `${namespace}/${name}`);
  const tlsSecrets = (secrets.data?.items ?? [])
    .filter((s) => s["type"] === "kubernetes.io/tls")
    .flatMap((s) => (s.metadata.name ? [s.metadata.name] : []));
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Name" error={errorOf(form, "name")}>
          {(p) => <input {...p} {...form.register("name")} />}
        </FormField>
        <FormField label="Namespace" error={errorOf(form, "namespace")}>
          {(p) => <input {...p} {...form.register("namespace")} />}
        </FormField>
      </div>
      {fields.map((f, i) => {
        const l = listeners[i];
        const tls = l?.protocol === "HTTPS" || l?.protocol === "TLS";
        const conflict = conflicts.find((c) => c.port === l?.port);
        return (
          <fieldset key={f.id} className="rounded-md border border-line p-3">
            <legend className="px-1 text-sm font-medium">Listener {i + 1}</legend>
            <div className="grid gap-4 sm:grid-cols-4">
              <FormField
                label={`Listener ${String(i + 1)} name`}
                error={errorOf(form, listenerField(i, "name"))}
              >
                {(p) => <input {...p} {...form.register(listenerField(i, "name"))} />}
              </FormField>
              <FormField label={`Listener ${String(i + 1)} protocol`}>
                {(p) => (
                  <select {...p} {...form.register(listenerField(i, "protocol"))}>
                    {["HTTP", "HTTPS", "TLS", "TCP", "UDP"].map((x) => (
                      <option key={x} value={x}>
                        {x}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField
                label={`Listener ${String(i + 1)} port`}
                error={
                  errorOf(form, listenerField(i, "port")) ??
                  (conflict
                    ? `Port ${String(conflict.port)} is already used by Gateway ${conflict.gateway}.`
                    : undefined)
                }
              >
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    {...form.register(listenerField(i, "port"), { valueAsNumber: true })}
                  />
                )}
              </FormField>
              <FormField
                label={`Listener ${String(i + 1)} hostname`}
                error={errorOf(form, listenerField(i, "hostname"))}
                hint="Optional; *.example.com matches subdomains"
              >
                {(p) => <input {...p} {...form.register(listenerField(i, "hostname"))} />}
              </FormField>
            </div>
            {tls && (
              <div className="mt-3 grid gap-4 sm:grid-cols-2">
                <FormField
                  label={`Listener ${String(i + 1)} TLS mode`}
                  error={errorOf(form, listenerField(i, "tlsMode"))}
                >
                  {(p) => (
                    <select {...p} {...form.register(listenerField(i, "tlsMode"))}>
                      <option value="Terminate">Terminate</option>
                      <option value="Passthrough">Passthrough</option>
                    </select>
                  )}
                </FormField>
                {l.tlsMode === "Terminate" && (
                  <FormField
                    label={`Listener ${String(i + 1)} certificate`}
                    error={errorOf(form, listenerField(i, "certificate"))}
                  >
                    {(p) => (
                      <select {...p} {...form.register(listenerField(i, "certificate"))}>
                        <option value="">Choose a TLS Secret</option>
                        {tlsSecrets.map((s) => (
                          <option key={s} value={s}>
                            {s}
                          </option>
                        ))}
                      </select>
                    )}
                  </FormField>
                )}
              </div>
            )}
            {fields.length > 1 && (
              <button
                type="button"
                className="mt-3 rounded text-sm underline focus-ring"
                onClick={() => {
                  remove(i);
                }}
              >
                Remove listener {i + 1}
              </button>
            )}
          </fieldset>
        );
      })}
      <button
        type="button"
        className="self-start rounded-md border border-line px-3 py-1.5 text-sm focus-ring"
        onClick={() => {
          append(newListener(fields.length));
        }}
      >
        Add listener
      </button>
      <FormField label="Routes may attach from">
        {(p) => (
          <select {...p} {...form.register("allowedRoutes")}>
            <option value="Same">This namespace only</option>
            <option value="All">All namespaces</option>
          </select>
        )}
      </FormField>
    </div>
  );
}

function WafPolicies({ form }: { form: Form }): ReactElement {
  const { client } = useApi();
  const namespace = useWatch({ control: form.control, name: "namespace" });
  const policies = useQuery(gatewayQueries.wafPolicies(client, namespace));
  return (
    <div className="flex flex-col gap-3">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="focus-ring" {...form.register("waf.enabled")} /> Protect
        this Gateway with NGINX App Protect WAF
      </label>
      <FormField label="WAF policy">
        {(p) => (
          <select {...p} {...form.register("waf.policyRef")}>
            <option value="">The default policy</option>
            {(policies.data?.items ?? []).map((x) => (
              <option key={x.metadata.name ?? ""} value={x.metadata.name ?? ""}>
                {x.metadata.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="WAF mode">
        {(p) => (
          <select {...p} {...form.register("waf.mode")}>
            <option value="enforce">Enforce: block violations</option>
            <option value="log-only">Log only</option>
          </select>
        )}
      </FormField>
    </div>
  );
}

export function GatewayBundleWizard({ initial }: { initial: GatewayBundleForm }): ReactElement {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const pushToast = useToastStore((s) => s.push);
  const edition = useQuery(clusterQueries.edition(client));
  const plus = edition.data?.edition === "plus";
  const form = useForm<GatewayBundleForm>({
    resolver: zodResolver(gatewayBundleFormSchema),
    defaultValues: initial,
    mode: "onTouched",
  });
  const values = useWatch({ control: form.control }) as GatewayBundleForm;
  const body = toGatewayBundleCreate(values, plus);
  const [serverErrors, setServerErrors] = useState<string[] | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const send = async (dryRun: boolean) =>
    unwrap(
      await client.POST("/api/v1/gatewaybundles", {
        params: dryRun ? { query: { dryRun: true } } : {},
        body,
      }),
    );
  const explain = (e: Error): string[] =>
    e instanceof ApiError && e.body?.causes && e.body.causes.length > 0
      ? e.body.causes.map((c) => `${c.field}: ${c.message}`)
      : [e.message];
  const dry = useMutation({
    mutationFn: () => send(true),
    onSuccess: () => {
      setServerErrors([]);
    },
    onError: (e) => {
      setServerErrors(explain(e));
    },
  });
  const deploy = useMutation({
    mutationFn: () => send(false),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["gatewaybundles"] });
      pushToast(
        "success",
        `Created GatewayBundle ${body.metadata.namespace}/${body.metadata.name}.`,
      );
      setCreated(`${body.metadata.namespace}/${body.metadata.name}`);
    },
    onError: (e) => {
      setServerErrors(explain(e));
    },
  });
  const wizard = useWizardSteps(form, STEPS, () => {
    deploy.mutate();
  });
  const { step, isLast: review } = wizard;
  const { mutate: runDry } = dry;
  useEffect(() => {
    if (review) runDry();
  }, [review, runDry]);

  if (created !== null) {
    return (
      <section className="rounded-lg border border-line p-6" aria-label="Deployed">
        <p role="status">GatewayBundle {created} created; the operator is building the Gateway.</p>
        <Link
          to={`/gateways/${created}`}
          className="mt-4 inline-block rounded-md border border-line px-4 py-2 text-sm focus-ring"
        >
          Open {created}
        </Link>
      </section>
    );
  }

  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_28rem]">
      <form noValidate aria-label="Create gateway" onSubmit={wizard.onSubmit}>
        <WizardSteps titles={STEPS.map((x) => x.title)} step={step} onSelect={wizard.goTo} />
        {step === 0 && <ClassStep form={form} />}
        {step === 1 && <ListenersStep form={form} />}
        {step === 2 && (
          <EnterpriseGate feature="WAF policy">{() => <WafPolicies form={form} />}</EnterpriseGate>
        )}
        {step === 3 && (
          <EnterpriseGate feature="NginxProxy tuning">
            {() => (
              <FormField
                label="NGINX worker processes"
                error={errorOf(form, "workerProcesses")}
                hint="Empty keeps NGF's default"
              >
                {(p) => <input {...p} {...form.register("workerProcesses")} />}
              </FormField>
            )}
          </EnterpriseGate>
        )}
        {review && (
          <section
            aria-label="Server dry run"
            aria-live="polite"
            className="rounded-md border border-line p-3 text-sm"
          >
            <h3 className="font-semibold">Server dry run</h3>
            {serverErrors === null && (
              <p className="text-fg-muted">Validating on the API server…</p>
            )}
            {serverErrors?.length === 0 && (
              <p className="text-green-700 dark:text-green-400">
                The API server accepts this GatewayBundle.
              </p>
            )}
            {serverErrors !== null && serverErrors.length > 0 && (
              <ul className="list-disc pl-5 text-red-700 dark:text-red-400">
                {serverErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </section>
        )}
        <div className="mt-8 flex gap-3">
          {step > 0 && (
            <button
              type="button"
              className="rounded-md border border-line px-4 py-2 text-sm focus-ring"
              onClick={wizard.back}
            >
              Back
            </button>
          )}
          <button
            type="submit"
            disabled={deploy.isPending}
            className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white focus-ring"
          >
            {review ? "Deploy" : "Next"}
          </button>
        </div>
      </form>
      <YamlPreview title="GatewayBundle YAML" value={body} />
    </div>
  );
}
