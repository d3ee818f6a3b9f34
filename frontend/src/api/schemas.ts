/**
 * Short names for the OpenAPI component schemas the UI uses (generated in `generated/schema.ts`).
 */
import type { components } from "./generated/schema";

type Schemas = components["schemas"];

export type InferenceStack = Schemas["InferenceStack"];
export type InferenceStackCreate = Schemas["InferenceStackCreate"];
export type InferenceStackSpec = Schemas["InferenceStackSpec"];
export type InferenceStackStatus = Schemas["InferenceStackStatus"];
export type InferencePoolSummary = Schemas["InferencePoolSummary"];
export type InferencePoolList = Schemas["InferencePoolList"];
export type ChildStatus = Schemas["ChildStatus"];
export type ChildResourceStatuses = Schemas["ChildResourceStatuses"];
export type Condition = Schemas["Condition"];
export type EditionInfo = Schemas["EditionInfo"];
export type ErrorBody = Schemas["ErrorBody"];
export type KubeObject = Schemas["KubeObject"];
export type KubeObjectList = Schemas["KubeObjectList"];
export type GatewayBundle = Schemas["GatewayBundle"];
export type GatewayBundleCreate = Schemas["GatewayBundleCreate"];
export type GatewayBundleSpec = Schemas["GatewayBundleSpec"];
export type GatewayBundleList = Schemas["GatewayBundleList"];
export type InferenceStackList = Schemas["InferenceStackList"];
