/**
 * The six-step InferenceStack wizard (spec §3.10.2): model backend, pool, EPP, autoscaling,
 * gateway attachment, review & deploy. Each step is validated (Zod, mirroring the CRD rules)
 * before the next; the YAML preview beside the form is exactly the body that will be sent.
 * Review runs the server's dry run and shows its refusals next to the fields. In edit mode the
 * review also shows the diff against the stored spec, and deploy becomes apply (PUT).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ReactElement } from "react";
import { useForm, useWatch, type FieldPath, type UseFormReturn } from "react-hook-form";
import { Link } from "react-router";

import { ApiError, unwrap } from "../api/ApiError";
import { clusterQueries } from "../api/queries/clusterQueries";
import { inferenceQueries } from "../api/queries/inferenceQueries";
import type { InferenceStack } from "../api/schemas";
import { useApi } from "../api/useApi";
import { DiffView } from "../components/DiffView";
import { FormField } from "../components/FormField";
import { useWizardSteps } from "../components/useWizardSteps";
import { WizardSteps } from "../components/WizardSteps";
import { toYaml } from "../components/toYaml";
import { YamlPreview } from "../components/YamlPreview";
import { useToastStore } from "../toast/toastStore";
import { DeployProgress } from "./DeployProgress";
import {
  inferenceStackFormSchema,
  toInferenceStackCreate,
  type InferenceStackForm,
} from "./inferenceStackForm";
import { INFERENCE_STEPS, type Step } from "./inferenceSteps";
import { mapCauses, type FieldCause } from "./serverCauses";

type Form = UseFormReturn<InferenceStackForm>;
type Field = FieldPath<InferenceStackForm>;

const KNOWN_FIELDS: ReadonlySet<string> = new Set(INFERENCE_STEPS.flatMap((s) => s.fields));

function errorOf(form: Form, path: Field): string | undefined {
  let node: unknown = form.formState.errors;
  for (const part of path.split(".")) {
    node =
      typeof node === "object" && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  if (typeof node === "object" && node !== null && "message" in node) {
    const message = node.message;
    return typeof message === "string" ? message : undefined;
  }
  return undefined;
}

function TextInput({
  form,
  path,
  label,
  hint,
  disabled,
}: {
  form: Form;
  path: Field;
  label: string;
  hint?: string;
  disabled?: boolean;
}): ReactElement {
  return (
    <FormField label={label} error={errorOf(form, path)} hint={hint}>
      {(p) => <input {...p} {...form.register(path)} disabled={disabled ?? false} />}
    </FormField>
  );
}

function NumberInput({
  form,
  path,
  label,
  step,
  hint,
}: {
  form: Form;
  path: Field;
  label: string;
  step?: string;
  hint?: string;
}): ReactElement {
  return (
    <FormField label={label} error={errorOf(form, path)} hint={hint}>
      {(p) => (
        <input
          {...p}
          type="number"
          step={step ?? "1"}
          {...form.register(path, { valueAsNumber: true })}
        />
      )}
    </FormField>
  );
}

function Checkbox({ form, path, label }: { form: Form; path: Field; label: string }): ReactElement {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" className="size-4 focus-ring" {...form.register(path)} />
      {label}
    </label>
  );
}

function ModelStep({ form }: { form: Form }): ReactElement {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <FormField label="Serving backend" error={errorOf(form, "model.backend")}>
        {(p) => (
          <select {...p} {...form.register("model.backend")}>
            <option value="triton">NVIDIA Triton (TensorRT-LLM)</option>
            <option value="vllm">vLLM</option>
            <option value="tgi">Text Generation Inference</option>
          </select>
        )}
      </FormField>
      <TextInput form={form} path="model.name" label="Model name" hint="e.g. llama-3-70b" />
      <TextInput
        form={form}
        path="model.image"
        label="Container image"
        hint="e.g. nvcr.io/nvidia/tritonserver:24.08-trtllm-python-py3"
      />
      <FormField label="GPU type" error={errorOf(form, "model.gpuType")}>
        {(p) => (
          <select {...p} {...form.register("model.gpuType")}>
            {["H100", "A100", "L40S", "T4", "none"].map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <NumberInput
        form={form}
        path="model.gpusPerPod"
        label="GPUs per pod"
        hint="0 to 16; 0 for CPU-only simulators"
      />
    </div>
  );
}

function PoolStep({
  form,
  editing,
  namespaces,
}: {
  form: Form;
  editing: boolean;
  namespaces: string[];
}): ReactElement {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextInput
        form={form}
        path="name"
        label="Name"
        disabled={editing}
        hint="Names the InferenceStack and its children"
      />
      <FormField label="Namespace" error={errorOf(form, "namespace")}>
        {(p) => (
          <>
            <input
              {...p}
              list="ngf-namespaces"
              {...form.register("namespace")}
              disabled={editing}
            />
            <datalist id="ngf-namespaces">
              {namespaces.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </>
        )}
      </FormField>
      <NumberInput
        form={form}
        path="pool.replicas"
        label="Replicas"
        hint="Initial model-server replicas"
      />
      <NumberInput form={form} path="pool.minReplicas" label="Minimum replicas" />
      <NumberInput form={form} path="pool.maxReplicas" label="Maximum replicas" />
      <TextInput
        form={form}
        path="pool.gpuNodeLabel"
        label="GPU node product (optional)"
        hint="Sets nodeSelector nvidia.com/gpu.product, e.g. NVIDIA-H100-80GB-HBM3"
      />
    </div>
  );
}

const STRATEGIES = [
  [
    "least_queue",
    "Least queue depth",
    "Send each request to the pod with the fewest waiting requests (default).",
  ],
  [
    "best_kv_cache",
    "Best KV-cache available",
    "Send to the pod with the most free KV-cache memory.",
  ],
  [
    "prefix_affinity",
    "Prefix cache affinity",
    "Send similar prompts to the same pod for prefix-cache hits.",
  ],
  [
    "composite",
    "Composite",
    "A weighted combination of all three signals; the weights sum to 1.0.",
  ],
] as const;

function EppStep({ form }: { form: Form }): ReactElement {
  const strategy = useWatch({ control: form.control, name: "epp.strategy" });
  const weightsError = errorOf(form, "epp.weights");
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextInput
          form={form}
          path="epp.scrapeInterval"
          label="Metric scrape interval"
          hint="Default 5s"
        />
        <TextInput
          form={form}
          path="epp.metricsPath"
          label="Metrics path"
          hint="The model servers' Prometheus endpoint"
        />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Routing strategy</legend>
        {STRATEGIES.map(([value, label, help]) => (
          <label
            key={value}
            className="flex items-start gap-2 rounded-md border border-line p-3 text-sm"
          >
            <input
              type="radio"
              value={value}
              className="mt-0.5 focus-ring"
              {...form.register("epp.strategy")}
            />
            <span>
              <span className="font-medium">{label}</span>
              <span className="block text-fg-muted">{help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {strategy === "composite" && (
        <fieldset
          className="rounded-md border border-line p-3"
          aria-describedby={weightsError ? "weights-error" : undefined}
        >
          <legend className="px-1 text-sm font-medium">Composite weights</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            <NumberInput
              form={form}
              path="epp.weights.queueDepth"
              label="Queue depth weight"
              step="0.05"
            />
            <NumberInput
              form={form}
              path="epp.weights.kvCache"
              label="KV-cache weight"
              step="0.05"
            />
            <NumberInput
              form={form}
              path="epp.weights.prefixCache"
              label="Prefix-cache weight"
              step="0.05"
            />
          </div>
          {weightsError !== undefined && (
            <p
              id="weights-error"
              role="alert"
              className="mt-2 text-sm text-red-700 dark:text-red-400"
            >
              {weightsError}
            </p>
          )}
        </fieldset>
      )}
      <Checkbox form={form} path="epp.dcgmEnabled" label="Feed DCGM GPU metrics to dashboards" />
    </div>
  );
}

function ThresholdRow({
  form,
  name,
  label,
  unit,
}: {
  form: Form;
  name: "queueDepth" | "kvCache" | "gpuUtil";
  label: string;
  unit: string;
}): ReactElement {
  const on = useWatch({ control: form.control, name: `autoscaling.${name}.enabled` });
  return (
    <fieldset className="rounded-md border border-line p-3">
      <legend className="px-1 text-sm font-medium">{label}</legend>
      <Checkbox
        form={form}
        path={`autoscaling.${name}.enabled`}
        label={`Scale up on ${label.toLowerCase()}`}
      />
      {on && (
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <NumberInput
            form={form}
            path={`autoscaling.${name}.value`}
            label={`${label} threshold (${unit})`}
            step="any"
          />
          <TextInput
            form={form}
            path={`autoscaling.${name}.duration`}
            label={`${label} sustained for`}
            hint="e.g. 60s"
          />
        </div>
      )}
    </fieldset>
  );
}

function AutoscalingStep({ form }: { form: Form }): ReactElement {
  const enabled = useWatch({ control: form.control, name: "autoscaling.enabled" });
  const triggerError = errorOf(form, "autoscaling.enabled");
  return (
    <div className="flex flex-col gap-4">
      <Checkbox form={form} path="autoscaling.enabled" label="Autoscale the model servers" />
      {enabled && (
        <>
          <FormField label="Scaling backend" error={errorOf(form, "autoscaling.backend")}>
            {(p) => (
              <select {...p} {...form.register("autoscaling.backend")}>
                <option value="keda">KEDA ScaledObject (recommended for inference)</option>
                <option value="hpa">HorizontalPodAutoscaler + prometheus-adapter</option>
              </select>
            )}
          </FormField>
          <ThresholdRow
            form={form}
            name="queueDepth"
            label="Queue depth"
            unit="waiting requests per pod"
          />
          <ThresholdRow form={form} name="kvCache" label="KV-cache utilisation" unit="%" />
          <ThresholdRow form={form} name="gpuUtil" label="GPU utilisation" unit="%" />
          {triggerError !== undefined && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {triggerError}
            </p>
          )}
          <TextInput
            form={form}
            path="autoscaling.cooldownPeriod"
            label="Cool-down period"
            hint="Wait after a scale event before scaling down, e.g. 300s"
          />
        </>
      )}
    </div>
  );
}

function GatewayStep({
  form,
  gateways,
}: {
  form: Form;
  gateways: { name: string; namespace: string }[];
}): ReactElement {
  const mode = useWatch({ control: form.control, name: "gateway.mode" });
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Expose the model through</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            value="create"
            className="focus-ring"
            {...form.register("gateway.mode")}
          />
          A new Gateway listener for this stack
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            value="existing"
            className="focus-ring"
            {...form.register("gateway.mode")}
          />
          An existing Gateway
        </label>
      </fieldset>
      {mode === "existing" ? (
        <FormField label="Gateway" error={errorOf(form, "gateway.gatewayName")}>
          {(p) => (
            <select
              {...p}
              value={`${form.getValues("gateway.gatewayNamespace")}/${form.getValues("gateway.gatewayName")}`}
              onChange={(e) => {
                const [ns = "", name = ""] = e.target.value.split("/");
                form.setValue("gateway.gatewayNamespace", ns);
                form.setValue("gateway.gatewayName", name, { shouldValidate: true });
              }}
            >
              <option value="/">Choose a Gateway</option>
              {gateways.map((g) => (
                <option key={`${g.namespace}/${g.name}`} value={`${g.namespace}/${g.name}`}>
                  {g.namespace}/{g.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <NumberInput form={form} path="gateway.listenerPort" label="Listener port" />
          <FormField label="Listener protocol">
            {(p) => (
              <select {...p} {...form.register("gateway.listenerProtocol")}>
                <option value="HTTP">HTTP</option>
                <option value="HTTPS">HTTPS</option>
              </select>
            )}
          </FormField>
          <TextInput
            form={form}
            path="gateway.listenerHostname"
            label="Hostname (optional)"
            hint="e.g. llm.example.com or *.example.com"
          />
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextInput
          form={form}
          path="gateway.pathPrefix"
          label="Path prefix"
          hint="e.g. /v1/models/llama3"
        />
        <TextInput
          form={form}
          path="gateway.timeout"
          label="Request timeout"
          hint="Inference requests are long-running; default 300s"
        />
      </div>
      <Checkbox
        form={form}
        path="gateway.streamingEnabled"
        label="Stream responses token by token (SSE)"
      />
    </div>
  );
}

function fieldStep(field: string): Step | undefined {
  return INFERENCE_STEPS.find((s) => (s.fields as readonly string[]).includes(field));
}

function ReviewStep({
  causes,
  dryRun,
  current,
  next,
}: {
  causes: FieldCause[];
  dryRun: "idle" | "running" | "passed" | "failed";
  current: InferenceStack | undefined;
  next: ReturnType<typeof toInferenceStackCreate>;
}): ReactElement {
  return (
    <div className="flex flex-col gap-4">
      <section
        aria-label="Server dry run"
        className="rounded-md border border-line p-3 text-sm"
        aria-live="polite"
      >
        <h3 className="font-semibold">Server dry run</h3>
        {dryRun === "running" && <p className="text-fg-muted">Validating on the API server…</p>}
        {dryRun === "passed" && (
          <p className="text-green-700 dark:text-green-400">
            The API server accepts this InferenceStack.
          </p>
        )}
        {dryRun === "failed" && (
          <>
            <p className="text-red-700 dark:text-red-400">
              The API server refused this InferenceStack:
            </p>
            <ul className="mt-2 list-disc pl-5">
              {causes.map((c, i) => (
                <li key={i}>
                  {c.serverField !== "" && <code>{c.serverField}</code>}{" "}
                  {c.field !== null && (
                    <span className="text-fg-muted">({fieldStep(c.field)?.title} step) </span>
                  )}
                  {c.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {current !== undefined && (
        <DiffView before={toYaml({ spec: current.spec })} after={toYaml({ spec: next.spec })} />
      )}
      <p className="text-sm text-fg-muted">
        The operator creates the InferencePool, the Endpoint Picker, the HTTPRoute, the autoscaler
        and the DCGM exporter from this one object.
      </p>
    </div>
  );
}

export interface InferenceStackWizardProps {
  readonly initial: InferenceStackForm;
  /** The stored stack when editing; undefined when creating. */
  readonly current?: InferenceStack;
}

export function InferenceStackWizard({
  initial,
  current,
}: InferenceStackWizardProps): ReactElement {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const pushToast = useToastStore((s) => s.push);
  const editing = current !== undefined;
  const form = useForm<InferenceStackForm>({
    resolver: zodResolver(inferenceStackFormSchema),
    defaultValues: initial,
    mode: "onTouched",
  });
  const values = useWatch({ control: form.control }) as InferenceStackForm;
  const body = toInferenceStackCreate(values);
  const [causes, setCauses] = useState<FieldCause[]>([]);
  const [dryRun, setDryRun] = useState<"idle" | "running" | "passed" | "failed">("idle");
  const [deployed, setDeployed] = useState<{ namespace: string; name: string } | null>(null);
  const namespaces = useQuery(clusterQueries.namespaces(client));
  const gateways = useQuery(clusterQueries.gateways(client, ""));

  async function send(dry: boolean): Promise<InferenceStack> {
    const params = dry ? { query: { dryRun: true } } : {};
    if (current !== undefined) {
      return unwrap(
        await client.PUT("/api/v1/inferencestacks/{namespace}/{name}", {
          params: {
            ...params,
            path: { namespace: body.metadata.namespace, name: body.metadata.name },
          },
          body: {
            apiVersion: body.apiVersion,
            kind: body.kind,
            metadata: {
              name: body.metadata.name,
              namespace: body.metadata.namespace,
              resourceVersion: current.metadata?.resourceVersion ?? "",
            },
            spec: body.spec,
            status: null,
          },
        }),
      );
    }
    return unwrap(await client.POST("/api/v1/inferencestacks", { params, body }));
  }

  function applyCauses(error: unknown): void {
    const mapped =
      error instanceof ApiError
        ? mapCauses(error.body, KNOWN_FIELDS)
        : [{ field: null, serverField: "", message: String(error) }];
    setCauses(mapped);
    for (const c of mapped) {
      if (c.field !== null) {
        form.setError(c.field as Field, { type: "server", message: `Server: ${c.message}` });
      }
    }
  }

  const dryRunMutation = useMutation({
    mutationFn: () => send(true),
    onMutate: () => {
      setDryRun("running");
    },
    onSuccess: () => {
      setCauses([]);
      setDryRun("passed");
    },
    onError: (error) => {
      applyCauses(error);
      setDryRun("failed");
    },
  });

  const deployMutation = useMutation({
    mutationFn: () => send(false),
    onSuccess: (stack) => {
      const namespace = stack.metadata?.namespace ?? body.metadata.namespace;
      const name = stack.metadata?.name ?? body.metadata.name;
      queryClient.setQueryData(inferenceQueries.stack(client, namespace, name).queryKey, stack);
      void queryClient.invalidateQueries({ queryKey: ["inference", "pools"] });
      pushToast(
        "success",
        editing
          ? `Applied changes to ${namespace}/${name}.`
          : `Created InferenceStack ${namespace}/${name}.`,
      );
      setDeployed({ namespace, name });
    },
    onError: (error) => {
      applyCauses(error);
      setDryRun("failed");
      pushToast("error", error instanceof Error ? error.message : "Deploy failed.");
    },
  });

  const wizard = useWizardSteps(form, INFERENCE_STEPS, () => {
    deployMutation.mutate();
  });
  const { step, isLast: review } = wizard;
  const { mutate: runDryRun } = dryRunMutation;
  useEffect(() => {
    if (review) {
      runDryRun();
    }
  }, [review, runDryRun]);

  if (deployed !== null) {
    return <DeployProgress namespace={deployed.namespace} name={deployed.name} />;
  }

  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_28rem]">
      <form
        noValidate
        aria-label={editing ? "Edit inference pool" : "Create inference pool"}
        onSubmit={wizard.onSubmit}
      >
        <WizardSteps
          titles={INFERENCE_STEPS.map((x) => x.title)}
          step={step}
          onSelect={wizard.goTo}
        />
        {step === 0 && <ModelStep form={form} />}
        {step === 1 && (
          <PoolStep
            form={form}
            editing={editing}
            namespaces={(namespaces.data?.items ?? []).flatMap((n) =>
              n.metadata.name ? [n.metadata.name] : [],
            )}
          />
        )}
        {step === 2 && <EppStep form={form} />}
        {step === 3 && <AutoscalingStep form={form} />}
        {step === 4 && (
          <GatewayStep
            form={form}
            gateways={(gateways.data?.items ?? []).flatMap((g) =>
              g.metadata.name && g.metadata.namespace
                ? [{ name: g.metadata.name, namespace: g.metadata.namespace }]
                : [],
            )}
          />
        )}
        {review && <ReviewStep causes={causes} dryRun={dryRun} current={current} next={body} />}
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
            disabled={deployMutation.isPending}
            className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white focus-ring disabled:opacity-60"
          >
            {review ? (editing ? "Apply changes" : "Deploy") : "Next"}
          </button>
          {review && (
            <Link
              to="/inference/pools"
              className="self-center rounded text-sm text-fg-muted underline focus-ring"
            >
              Cancel
            </Link>
          )}
        </div>
      </form>
      <YamlPreview title="InferenceStack YAML" value={body} />
    </div>
  );
}
