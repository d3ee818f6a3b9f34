/**
 * Sign-in: the user pastes a Kubernetes bearer token (a ServiceAccount token, or the admin
 * token `make run` prints). It is kept in sessionStorage for this tab only; a 401 from the API
 * server brings the user back here with the reason.
 */
import { useId, useState } from "react";
import type { FormEvent, ReactElement } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";

import { useAuthStore } from "../auth/authStore";
import { useDocumentTitle } from "../hooks/useDocumentTitle";

function fromPath(state: unknown): string {
  if (typeof state === "object" && state !== null && "from" in state) {
    const from = state.from;
    if (typeof from === "string" && from.startsWith("/") && from !== "/login") {
      return from;
    }
  }
  return "/";
}

export function LoginPage(): ReactElement {
  useDocumentTitle("Sign in");
  const tokenId = useId();
  const errorId = useId();
  const { token, notice, login } = useAuthStore();
  const location = useLocation();
  const navigate = useNavigate();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  if (token !== null) {
    return <Navigate to={fromPath(location.state)} replace />;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed === "") {
      setError("Enter an access token.");
      return;
    }
    login(trimmed);
    void navigate(fromPath(location.state), { replace: true });
  }

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        onSubmit={onSubmit}
        noValidate
        className="w-full max-w-md rounded-lg border border-line bg-surface p-8"
      >
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to NGF Console</h1>
        <p className="mt-2 text-sm text-fg-muted">
          Paste a Kubernetes bearer token. <code>make run</code> prints an admin token and writes it
          to <code>.cache/run/access.json</code>. The token stays in this browser tab only.
        </p>
        {notice !== null && (
          <p role="alert" className="mt-4 rounded-md border border-amber-500 px-3 py-2 text-sm">
            {notice}
          </p>
        )}
        <label htmlFor={tokenId} className="mt-6 block text-sm font-medium">
          Access token
        </label>
        <input
          id={tokenId}
          type="password"
          autoComplete="off"
          value={value}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          className="mt-1 w-full rounded-md border border-line bg-canvas px-3 py-2 font-mono text-sm focus-ring"
        />
        {error !== null && (
          <p id={errorId} className="mt-1 text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="mt-6 w-full rounded-md bg-accent px-4 py-2 text-sm font-medium text-white focus-ring"
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
