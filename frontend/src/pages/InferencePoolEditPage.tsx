import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useParams } from "react-router";

import { inferenceQueries } from "../api/queries/inferenceQueries";
import { useApi } from "../api/useApi";
import { PageHeader } from "../components/PageHeader";
import { fromInferenceStack } from "../inference/inferenceStackForm";
import { InferenceStackWizard } from "../inference/InferenceStackWizard";

/** The wizard pre-filled from the stored stack; review shows the diff before applying. */
export function InferencePoolEditPage(): ReactElement {
  const { namespace = "", name = "" } = useParams();
  const { client } = useApi();
  const { data, isError, error } = useQuery(inferenceQueries.stack(client, namespace, name));
  return (
    <>
      <PageHeader title={`Edit ${name}`} description={`InferenceStack ${namespace}/${name}`} />
      {isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not load {namespace}/{name}: {error.message}
        </p>
      )}
      {data === undefined && !isError && <p className="text-fg-muted">Loading…</p>}
      {data !== undefined && (
        <InferenceStackWizard initial={fromInferenceStack(data)} current={data} />
      )}
    </>
  );
}
