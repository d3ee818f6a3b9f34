/** The six steps of the InferenceStack wizard (spec §3.10.2) and the form fields each validates. */
import type { WizardStep } from "../components/useWizardSteps";
import type { InferenceStackForm } from "./inferenceStackForm";

export type Step = WizardStep<InferenceStackForm>;

export const INFERENCE_STEPS: readonly Step[] = [
  {
    title: "Model backend",
    fields: ["model.backend", "model.name", "model.image", "model.gpuType", "model.gpusPerPod"],
  },
  {
    title: "Pool",
    fields: [
      "name",
      "namespace",
      "pool.replicas",
      "pool.minReplicas",
      "pool.maxReplicas",
      "pool.gpuNodeLabel",
    ],
  },
  {
    title: "Endpoint picker",
    fields: [
      "epp.scrapeInterval",
      "epp.metricsPath",
      "epp.strategy",
      "epp.weights",
      "epp.weights.queueDepth",
      "epp.weights.kvCache",
      "epp.weights.prefixCache",
      "epp.dcgmEnabled",
    ],
  },
  {
    title: "Autoscaling",
    fields: [
      "autoscaling.enabled",
      "autoscaling.backend",
      "autoscaling.cooldownPeriod",
      "autoscaling.queueDepth.value",
      "autoscaling.queueDepth.duration",
      "autoscaling.kvCache.value",
      "autoscaling.kvCache.duration",
      "autoscaling.gpuUtil.value",
      "autoscaling.gpuUtil.duration",
    ],
  },
  {
    title: "Gateway",
    fields: [
      "gateway.mode",
      "gateway.gatewayName",
      "gateway.listenerPort",
      "gateway.listenerHostname",
      "gateway.pathPrefix",
      "gateway.timeout",
      "gateway.streamingEnabled",
    ],
  },
  { title: "Review & deploy", fields: [] },
];
