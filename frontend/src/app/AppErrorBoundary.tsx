/**
 * The last line of defence: an error outside the router's own error elements (a provider, the
 * toaster) shows a message and a reload button instead of a blank page.
 */
import { Component } from "react";
import type { ErrorInfo, ReactNode } from "react";

interface Props {
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

export class AppErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("NGF Console crashed", error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) {
      return this.props.children;
    }
    return (
      <main className="mx-auto max-w-xl p-10">
        <h1 className="text-2xl font-semibold">NGF Console stopped working</h1>
        <p className="mt-2 text-fg-muted">{this.state.error.message}</p>
        <button
          type="button"
          className="mt-6 rounded-md bg-accent px-4 py-2 text-sm font-medium text-white focus-ring"
          onClick={() => {
            window.location.reload();
          }}
        >
          Reload the console
        </button>
      </main>
    );
  }
}
