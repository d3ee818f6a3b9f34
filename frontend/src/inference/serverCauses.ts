/**
 * Maps the API server's field-level refusal causes (dotted CRD paths such as
 * `spec.pool.replicas`) onto the wizard's form fields, so dry-run errors show next to the field
 * the user must change.
 */
import type { ErrorBody } from "../api/schemas";

export interface FieldCause {
  /** The form field path (react-hook-form), or null when the field has no control. */
  readonly field: string | null;
  readonly serverField: string;
  readonly message: string;
}

const RENAMES: readonly [RegExp, string][] = [
  [/^metadata\.(name|namespace)$/, "$1"],
  [/^spec\.gateway\.route\.(\w+)$/, "gateway.$1"],
  [/^spec\.gateway\.createListener\.port$/, "gateway.listenerPort"],
  [/^spec\.gateway\.createListener\.hostname$/, "gateway.listenerHostname"],
  [/^spec\.gateway\.gatewayRef.*$/, "gateway.gatewayName"],
  [/^spec\.gateway$/, "gateway.gatewayName"],
  [/^spec\.epp\.compositeWeights.*$/, "epp.weights"],
  [
    /^spec\.autoscaling\.(queueDepth|kvCache|gpuUtil)Threshold\.(value|duration)$/,
    "autoscaling.$1.$2",
  ],
  [/^spec\.autoscaling$/, "autoscaling.enabled"],
  [/^spec\.pool\.nodeSelector.*$/, "pool.gpuNodeLabel"],
  [/^spec\.(model\.\w+|pool\.\w+|epp\.\w+|autoscaling\.cooldownPeriod)$/, "$1"],
];

export function mapCauses(body: ErrorBody | null, known: ReadonlySet<string>): FieldCause[] {
  if (body === null) {
    return [];
  }
  const causes = body.causes ?? [];
  if (causes.length === 0) {
    return [{ field: null, serverField: "", message: body.message }];
  }
  return causes.map((c) => {
    let field: string | null = null;
    for (const [pattern, replacement] of RENAMES) {
      if (pattern.test(c.field)) {
        field = c.field.replace(pattern, replacement);
        break;
      }
    }
    return {
      field: field !== null && known.has(field) ? field : null,
      serverField: c.field,
      message: c.message,
    };
  });
}
