/**
 * The sidebar's sections and the pages they link to. Only pages that exist are listed; a new
 * page gets its route in `app/routes.ts` and its entry here. The overview page also reads the
 * descriptions to introduce each area.
 */
export interface NavItem {
  readonly label: string;
  readonly to: string;
  /** Matches only this exact path (for `/`, which would otherwise match every page). */
  readonly end?: boolean;
  readonly description: string;
}

export interface NavSection {
  readonly id: string;
  readonly title: string;
  /** Hidden sections render their items without a visible group label. */
  readonly showTitle: boolean;
  readonly items: readonly NavItem[];
}

export const navSections: readonly NavSection[] = [
  {
    id: "overview",
    title: "Overview",
    showTitle: false,
    items: [
      {
        label: "Overview",
        to: "/",
        end: true,
        description: "Where the console starts: the areas it manages and how to reach them.",
      },
    ],
  },
  {
    id: "traffic",
    title: "Traffic",
    showTitle: true,
    items: [
      {
        label: "Gateways",
        to: "/gateways",
        description:
          "Gateways with their listeners, TLS and data-plane settings, each created as one GatewayBundle the operator keeps in shape.",
      },
    ],
  },
  {
    id: "inference",
    title: "Inference",
    showTitle: true,
    items: [
      {
        label: "Inference dashboard",
        to: "/inference",
        end: true,
        description:
          "Time to first token, tokens per second, KV-cache, queues, prefix-cache hits, GPUs, latency and cost of your pools, with live endpoint-picker decisions.",
      },
      {
        label: "Inference pools",
        to: "/inference/pools",
        description:
          "Model servers grouped behind an endpoint picker that routes each request by queue depth, KV-cache use and prefix affinity.",
      },
    ],
  },
];
