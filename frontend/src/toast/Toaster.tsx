import { useEffect } from "react";
import type { ReactElement } from "react";

import { useToastStore, type Toast } from "./toastStore";

const TONE_CLASS: Record<Toast["tone"], string> = {
  success: "border-green-600",
  error: "border-red-600",
  info: "border-sky-600",
};

function ToastItem({ toast }: { toast: Toast }): ReactElement {
  const dismiss = useToastStore((s) => s.dismiss);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      dismiss(toast.id);
    }, 8000);
    return () => {
      window.clearTimeout(timer);
    };
  }, [dismiss, toast.id]);
  return (
    <li
      className={`flex items-start gap-3 rounded-md border-l-4 bg-surface-raised px-4 py-3 text-sm shadow-lg ${TONE_CLASS[toast.tone]}`}
    >
      <p className="flex-1">{toast.message}</p>
      <button
        type="button"
        className="rounded text-fg-muted focus-ring hover:text-fg"
        aria-label="Dismiss notification"
        onClick={() => {
          dismiss(toast.id);
        }}
      >
        ×
      </button>
    </li>
  );
}

/** The live region where toasts appear (bottom right), announced politely to screen readers. */
export function Toaster(): ReactElement {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <section
      aria-label="Notifications"
      aria-live="polite"
      className="fixed right-4 bottom-4 z-50 w-80"
    >
      <ul className="flex flex-col gap-2">
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </ul>
    </section>
  );
}
