/**
 * A wizard's step list (earlier steps are buttons back to them, later ones disabled) and the
 * "Step n of N: title" heading of the current step.
 */
import type { ReactElement } from "react";

export interface WizardStepsProps {
  readonly titles: readonly string[];
  /** Index of the current step. */
  readonly step: number;
  readonly onSelect: (index: number) => void;
}

export function WizardSteps({ titles, step, onSelect }: WizardStepsProps): ReactElement {
  return (
    <>
      <nav aria-label="Wizard steps">
        <ol className="mb-6 flex flex-wrap gap-2 text-sm">
          {titles.map((title, i) => (
            <li key={title}>
              <button
                type="button"
                aria-current={i === step ? "step" : undefined}
                disabled={i > step}
                onClick={() => {
                  onSelect(i);
                }}
                className="rounded-full border border-line px-3 py-1 focus-ring disabled:opacity-60 aria-[current=step]:border-accent aria-[current=step]:font-semibold"
              >
                {i + 1}. {title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <h2 className="mb-4 text-lg font-semibold">
        Step {step + 1} of {titles.length}: {titles[step]}
      </h2>
    </>
  );
}
