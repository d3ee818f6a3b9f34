/**
 * Authentication in the UI: signed out, every page sends you to /login; signing in keeps the
 * token in sessionStorage and sends it as a Bearer token; a 401 from any call ends the session
 * and brings you back to the login screen with the reason.
 */
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { SESSION_REJECTED } from "../api/ApiProvider";
import { errorResponse, FakeApi } from "../test/FakeApi";
import { renderApp } from "../test/renderApp";
import { TOKEN_STORAGE_KEY } from "./authStore";

describe("login and 401", () => {
  it("sends a signed-out user to the login screen and back after signing in", async () => {
    const { user, router, api } = renderApp("/inference/pools", { token: null });

    expect(router.state.location.pathname).toBe("/login");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByText("Enter an access token.")).toBeInTheDocument();

    await user.type(screen.getByLabelText("Access token"), "  s3cret  ");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(router.state.location.pathname).toBe("/inference/pools");
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe("s3cret");
    await screen.findByRole("region", { name: "No inference pools yet" });
    expect(api.calls("/api/v1/inference/pools")[0]?.authorization).toBe("Bearer s3cret");
  });

  it("returns to the login screen with the reason when the API answers 401", async () => {
    const api = new FakeApi().on("GET", "/api/v1/inference/pools", () =>
      errorResponse(401, "token expired"),
    );
    const { router } = renderApp("/inference/pools", { api, token: "old" });

    expect(await screen.findByRole("alert")).toHaveTextContent(SESSION_REJECTED);
    expect(router.state.location.pathname).toBe("/login");
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it("signs out from the header", async () => {
    const { user, router } = renderApp("/");
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(router.state.location.pathname).toBe("/login");
  });
});
