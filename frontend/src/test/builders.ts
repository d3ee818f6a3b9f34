/** Builders of API objects for tests, from the wizard's own defaults. */
import type { InferencePoolSummary, InferenceStack, InferenceStackStatus } from "../api/schemas";
import { defaultInferenceStackForm, toInferenceStackCreate } from "../inference/inferenceStackForm";

export function inferenceStack(
  namespace: string,
  name: string,
  status: InferenceStackStatus | null = null,
): InferenceStack {
  const form = defaultInferenceStackForm(namespace);
  form.name = name;
  form.model.name = "llama-3-8b";
  form.model.image = "vllm/vllm-openai:v0.6.3";
  const body = toInferenceStackCreate(form);
  return {
    apiVersion: "ngf-console.f5.com/v1alpha1",
    kind: "InferenceStack",
    metadata: { ...body.metadata, resourceVersion: "7", creationTimestamp: "2026-01-01T00:00:00Z" },
    spec: body.spec,
    status,
  };
}

export function poolSummary(
  namespace: string,
  name: string,
  status: InferenceStackStatus | null = null,
): InferencePoolSummary {
  const stack = inferenceStack(namespace, name, status);
  return {
    namespace,
    name,
    phase: status?.phase ?? null,
    model: stack.spec.model.name,
    backend: stack.spec.model.backend,
    currentReplicas: status?.currentReplicas ?? null,
    desiredReplicas: status?.desiredReplicas ?? null,
    children: status?.children ?? {},
    stack,
    pool: null,
  };
}
