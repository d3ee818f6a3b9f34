/**
 * Primary navigation: links to every page that exists (Overview `/`, Gateways `/gateways`,
 * Inference pools `/inference/pools`), aria-current on the page shown, and navigating by mouse or keyboard
 * renders the target page (the inference pools empty state).
 */
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderApp } from "../test/renderApp";

function primaryNav(): HTMLElement {
  return screen.getByRole("navigation", { name: "Primary" });
}

describe("Sidebar", () => {
  it("links to the overview, the gateways and the inference pools", () => {
    renderApp();
    const nav = within(primaryNav());

    expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("href", "/");
    expect(nav.getByRole("link", { name: "Inference pools" })).toHaveAttribute(
      "href",
      "/inference/pools",
    );
    expect(nav.getByRole("link", { name: "Inference dashboard" })).toHaveAttribute(
      "href",
      "/inference",
    );
    expect(nav.getByRole("link", { name: "Gateways" })).toHaveAttribute("href", "/gateways");
    expect(nav.getByRole("list", { name: "Inference" })).toBeInTheDocument();
    expect(nav.getByRole("list", { name: "Traffic" })).toBeInTheDocument();
    expect(nav.getAllByRole("link")).toHaveLength(4);
  });

  it("marks only the current page", () => {
    renderApp("/");
    const nav = within(primaryNav());

    expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    expect(nav.getByRole("link", { name: "Inference pools" })).not.toHaveAttribute("aria-current");
  });

  it("navigates to the inference pools empty state", async () => {
    const { user, router } = renderApp("/");

    await user.click(within(primaryNav()).getByRole("link", { name: "Inference pools" }));

    expect(router.state.location.pathname).toBe("/inference/pools");
    expect(screen.getByRole("heading", { level: 1, name: "Inference pools" })).toBeInTheDocument();
    const emptyState = await screen.findByRole("region", { name: "No inference pools yet" });
    expect(emptyState).toHaveTextContent(/There is no InferenceStack in any namespace/);
    expect(within(primaryNav()).getByRole("link", { name: "Inference pools" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect(within(primaryNav()).getByRole("link", { name: "Overview" })).not.toHaveAttribute(
      "aria-current",
    );
    expect(document.title).toBe("Inference pools · NGF Console");
  });

  it("navigates back to the overview from the keyboard", async () => {
    const { user } = renderApp("/inference/pools");

    within(primaryNav()).getByRole("link", { name: "Overview" }).focus();
    await user.keyboard("{Enter}");

    expect(screen.getByRole("heading", { level: 1, name: "Overview" })).toBeInTheDocument();
    expect(
      screen.queryByRole("region", { name: "No inference pools to show" }),
    ).not.toBeInTheDocument();
  });
});
