import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";

import { clusterQueries } from "../api/queries/clusterQueries";
import { useApi } from "../api/useApi";

const LABEL = { oss: "OSS", plus: "Enterprise", unknown: "Edition unknown" } as const;

/** Which NGF edition runs in the cluster; Enterprise gets the purple/gold enterprise accent. */
export function EditionBadge(): ReactElement {
  const { client } = useApi();
  const { data, isError } = useQuery(clusterQueries.edition(client));
  const edition = data?.edition;
  const label = isError
    ? "Edition unavailable"
    : edition === undefined
      ? "Edition…"
      : LABEL[edition];
  const tone =
    edition === "plus"
      ? "border-purple-500 text-purple-700 dark:text-amber-300"
      : "border-line text-fg-muted";
  return (
    <span
      className={`rounded-full border px-2 py-0.5 text-xs font-medium ${tone}`}
      title={data?.reason}
    >
      NGF {label}
    </span>
  );
}
