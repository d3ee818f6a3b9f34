/**
 * Step navigation for a form split into steps (the InferenceStack and GatewayBundle wizards):
 * submitting the form on a step validates only that step's fields and moves on when they pass
 * (focusing the first invalid field otherwise); on the last step it validates everything and
 * calls `onFinish`. Earlier steps can be revisited; later ones only through Next.
 */
import { useState } from "react";
import type { FormEvent } from "react";
import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";

export interface WizardStep<F extends FieldValues> {
  readonly title: string;
  /** The fields this step validates before Next. */
  readonly fields: readonly FieldPath<F>[];
}

export interface WizardState<F extends FieldValues> {
  /** Index of the current step. */
  readonly step: number;
  readonly current: WizardStep<F>;
  readonly isLast: boolean;
  /** Go to an earlier (or the current) step; later steps are reached only by `onSubmit`. */
  readonly goTo: (index: number) => void;
  readonly back: () => void;
  /** The form's submit handler: Next on every step but the last, where it calls `onFinish`. */
  readonly onSubmit: (event: FormEvent) => void;
}

export function useWizardSteps<F extends FieldValues>(
  form: UseFormReturn<F>,
  steps: readonly WizardStep<F>[],
  onFinish: () => void,
): WizardState<F> {
  const [step, setStep] = useState(0);
  const first = steps[0];
  if (first === undefined) {
    throw new Error("a wizard needs at least one step");
  }
  const last = steps.length - 1;
  const current = steps[Math.min(step, last)] ?? first;
  return {
    step,
    current,
    isLast: step === last,
    goTo: (index) => {
      if (index >= 0 && index <= step) setStep(index);
    },
    back: () => {
      setStep((s) => Math.max(0, s - 1));
    },
    onSubmit: (event) => {
      event.preventDefault();
      if (step < last) {
        void form.trigger([...current.fields], { shouldFocus: true }).then((ok) => {
          if (ok) setStep(step + 1);
        });
      } else {
        void form.handleSubmit(() => {
          onFinish();
        })();
      }
    },
  };
}
