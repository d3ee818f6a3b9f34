import type { ReactElement } from "react";
import { NavLink } from "react-router";

import { navSections, type NavItem } from "../navigation/navSections";

function linkClassName({ isActive }: { isActive: boolean }): string {
  const base =
    "focus-ring flex items-center rounded-md border-l-2 px-3 py-2 text-sm transition-colors";
  return isActive
    ? `${base} border-accent bg-surface-raised font-medium text-fg`
    : `${base} border-transparent text-fg-muted hover:bg-surface-raised hover:text-fg`;
}

function SidebarLink({ item }: { item: NavItem }): ReactElement {
  return (
    <li>
      <NavLink to={item.to} end={item.end ?? false} className={linkClassName}>
        {item.label}
      </NavLink>
    </li>
  );
}

/** Primary navigation, built from `navSections`; NavLink marks the current page with aria-current. */
export function Sidebar(): ReactElement {
  return (
    <nav
      aria-label="Primary"
      className="shrink-0 border-b border-line bg-surface p-3 md:w-60 md:border-r md:border-b-0"
    >
      <div className="flex flex-col gap-4">
        {navSections.map((section) => {
          const labelId = `nav-section-${section.id}`;
          return (
            <div key={section.id}>
              {section.showTitle && (
                <p
                  id={labelId}
                  className="mb-1 px-3 text-xs font-semibold tracking-wide text-fg-muted uppercase"
                >
                  {section.title}
                </p>
              )}
              <ul
                className="flex flex-col gap-1"
                aria-labelledby={section.showTitle ? labelId : undefined}
              >
                {section.items.map((item) => (
                  <SidebarLink key={item.to} item={item} />
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </nav>
  );
}
