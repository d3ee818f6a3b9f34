/**
 * A labelled form control with its error message wired for assistive technology
 * (aria-invalid, aria-describedby) and an optional hint.
 */
import { useId } from "react";
import type { ReactElement, ReactNode } from "react";

export interface FormFieldProps {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly children: (props: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby": string | undefined;
    className: string;
  }) => ReactNode;
}

export const INPUT_CLASS =
  "focus-ring w-full rounded-md border border-line bg-canvas px-3 py-1.5 text-sm aria-invalid:border-red-500";

export function FormField({ label, error, hint, children }: FormFieldProps): ReactElement {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error !== undefined ? errorId : null, hint !== undefined ? hintId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error !== undefined,
        "aria-describedby": describedBy === "" ? undefined : describedBy,
        className: INPUT_CLASS,
      })}
      {hint !== undefined && (
        <p id={hintId} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
