import type { ReactElement } from "react";

import { PageHeader } from "../components/PageHeader";
import { defaultInferenceStackForm } from "../inference/inferenceStackForm";
import { InferenceStackWizard } from "../inference/InferenceStackWizard";
import { useUiStore } from "../state/uiStore";

export function InferencePoolCreatePage(): ReactElement {
  const namespace = useUiStore((s) => s.namespace);
  return (
    <>
      <PageHeader
        title="Create inference pool"
        description="Six steps to one InferenceStack; the operator builds the pool, endpoint picker, route, autoscaler and GPU metrics from it."
      />
      <InferenceStackWizard initial={defaultInferenceStackForm(namespace)} />
    </>
  );
}
