/** Short names for the inference metrics API's schemas (generated in `api/generated/schema.ts`). */
import type { components } from "../../api/generated/schema";

type Schemas = components["schemas"];

export type InferenceSummary = Schemas["InferenceSummary"];
export type ModelFigures = Schemas["ModelFigures"];
export type PoolMetrics = Schemas["PoolMetrics"];
export type PoolPods = Schemas["PoolPods"];
export type PodState = Schemas["PodState"];
export type GpuHeatmap = Schemas["GpuHeatmap"];
export type SeriesByPod = Schemas["SeriesByPod"];
export type TtftReport = Schemas["TtftReport"];
export type CostEstimate = Schemas["CostEstimate"];
export type DecisionList = Schemas["DecisionList"];
export type EppDecision = Schemas["EppDecision"];
