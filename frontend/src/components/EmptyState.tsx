import { useId } from "react";
import type { ReactElement, ReactNode } from "react";

export interface EmptyStateProps {
  readonly title: string;
  readonly children: ReactNode;
  /** Decorative; rendered hidden from assistive technology. */
  readonly icon?: ReactNode;
}

/** Says why a list has nothing in it and what will fill it. */
export function EmptyState({ title, children, icon }: EmptyStateProps): ReactElement {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className="flex max-w-3xl flex-col items-center rounded-lg border border-dashed border-line bg-surface px-6 py-12 text-center"
    >
      {icon !== undefined && (
        <div aria-hidden="true" className="mb-4 text-fg-muted">
          {icon}
        </div>
      )}
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2 max-w-xl text-sm text-fg-muted">{children}</div>
    </section>
  );
}
