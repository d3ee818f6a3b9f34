/**
 * One EPP decision in full (`GET …/epp/{ns}/{name}/decisions/{requestId}`): the live feed
 * sends decisions without their candidates, so the why panel reads them here. The decision's
 * own time goes along as `at`, which lets the server read that second only. A decision that
 * already lists every candidate (the REST page's seed) is used as it is, without a request.
 */
import { queryOptions } from "@tanstack/react-query";

import { unwrap } from "../../api/ApiError";
import type { ApiClient } from "../../api/createApiClient";
import type { QueryDef } from "../../api/queries/QueryDef";
import type { EppDecision } from "../dashboard/metricsTypes";

/** Whether `d` lists every candidate it scored (the feed sends `candidates: []`). */
export function isComplete(d: EppDecision): boolean {
  return d.candidates.length > 0 && d.candidates.length >= d.candidateCount;
}

export function eppDecisionQuery(
  client: ApiClient,
  namespace: string,
  name: string,
  decision: EppDecision | null,
): QueryDef<EppDecision> {
  const requestId = decision?.requestId ?? "";
  return queryOptions<EppDecision>({
    queryKey: ["inference-metrics", "decision", namespace, name, requestId],
    queryFn: async () =>
      unwrap(
        await client.GET("/api/v1/inference/metrics/epp/{namespace}/{name}/decisions/{requestId}", {
          params: {
            path: { namespace, name, requestId },
            query: decision === null ? {} : { at: decision.timestamp },
          },
        }),
      ),
    enabled: decision !== null,
    initialData: () => (decision !== null && isComplete(decision) ? decision : undefined),
    staleTime: Infinity, // a decision never changes
  });
}
