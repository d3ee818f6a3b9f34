import type { ReactElement } from "react";
import { Link } from "react-router";

import { PageHeader } from "../components/PageHeader";
import { navSections } from "../navigation/navSections";

/** Landing page: introduces the console and links to each area it manages. */
export function OverviewPage(): ReactElement {
  const areas = navSections.flatMap((section) =>
    section.items.filter((item) => item.to !== "/").map((item) => ({ section, item })),
  );

  return (
    <>
      <PageHeader
        title="Overview"
        description="NGF Console runs NGINX Gateway Fabric declaratively: you describe the gateways and inference stacks you want, and the operator builds and heals everything behind them."
      />
      <section aria-labelledby="overview-areas">
        <h2 id="overview-areas" className="mb-3 text-lg font-semibold">
          Areas
        </h2>
        <ul className="grid max-w-5xl gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {areas.map(({ section, item }) => (
            <li key={item.to}>
              <Link
                to={item.to}
                className="block h-full rounded-lg border border-line bg-surface p-4 focus-ring hover:border-accent"
              >
                <span className="block text-xs font-semibold tracking-wide text-fg-muted uppercase">
                  {section.title}
                </span>
                <span className="mt-1 block font-medium">{item.label}</span>
                <span className="mt-2 block text-sm text-fg-muted">{item.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
