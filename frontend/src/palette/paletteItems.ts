/** What the command palette can jump to: every page in the sidebar, the wizards, and resources. */
import type { GatewayBundleList, InferencePoolList } from "../api/schemas";
import { navSections } from "../navigation/navSections";

export interface PaletteItem {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly to: string;
}

export function paletteItems(
  pools: InferencePoolList | undefined,
  bundles: GatewayBundleList | undefined,
): PaletteItem[] {
  const pages = navSections.flatMap((section) =>
    section.items.map((item) => ({
      id: `page:${item.to}`,
      label: item.label,
      hint: "Page",
      to: item.to,
    })),
  );
  const actions: PaletteItem[] = [
    {
      id: "action:pool",
      label: "Create inference pool",
      hint: "Wizard",
      to: "/inference/pools/create",
    },
    { id: "action:gateway", label: "Create gateway", hint: "Wizard", to: "/gateways/create" },
  ];
  const poolItems = (pools?.items ?? []).map((p) => ({
    id: `pool:${p.namespace}/${p.name}`,
    label: `${p.namespace}/${p.name}`,
    hint: `Inference pool · ${p.model}`,
    to: `/inference/pools/${p.namespace}/${p.name}`,
  }));
  const bundleItems = (bundles?.items ?? []).flatMap((b) => {
    const { name, namespace } = b.metadata ?? {};
    return name && namespace
      ? [
          {
            id: `gw:${namespace}/${name}`,
            label: `${namespace}/${name}`,
            hint: "Gateway",
            to: `/gateways/${namespace}/${name}`,
          },
        ]
      : [];
  });
  return [...pages, ...actions, ...poolItems, ...bundleItems];
}

export function filterItems(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    const text = `${item.label} ${item.hint}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
