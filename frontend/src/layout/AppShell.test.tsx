/**
 * The shell around every page: landmarks (banner with the product name, primary navigation,
 * main), the skip link as the first tab stop targeting main, and the not-found page for
 * unknown paths rendered inside the shell.
 */
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderApp } from "../test/renderApp";

describe("AppShell", () => {
  it("shows the product name in the header", () => {
    renderApp();

    expect(
      within(screen.getByRole("banner")).getByRole("link", { name: "NGF Console" }),
    ).toHaveAttribute("href", "/");
  });

  it("offers a skip link to the main content as the first tab stop", async () => {
    const { user } = renderApp();

    await user.tab();

    const skipLink = screen.getByRole("link", { name: "Skip to main content" });
    expect(skipLink).toHaveFocus();
    const target = skipLink.getAttribute("href")?.slice(1) ?? "";
    expect(screen.getByRole("main")).toHaveAttribute("id", target);
  });

  it("reaches every control from the keyboard in order", async () => {
    const { user } = renderApp();
    const nav = within(screen.getByRole("navigation", { name: "Primary" }));
    const expectedOrder = [
      screen.getByRole("link", { name: "Skip to main content" }),
      within(screen.getByRole("banner")).getByRole("link", { name: "NGF Console" }),
      screen.getByRole("combobox", { name: "Namespace" }),
      screen.getByRole("button", { name: /Search and jump/ }),
      screen.getByRole("button", { name: "Dark mode" }),
      screen.getByRole("button", { name: "Sign out" }),
      nav.getByRole("link", { name: "Overview" }),
      nav.getByRole("link", { name: "Gateways" }),
      nav.getByRole("link", { name: "Inference dashboard" }),
      nav.getByRole("link", { name: "Inference pools" }),
    ];

    for (const element of expectedOrder) {
      await user.tab();
      expect(element).toHaveFocus();
    }
  });

  it("shows a not-found page inside the shell for unknown paths", async () => {
    const { user } = renderApp("/no/such/page");

    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Primary" })).toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: "Go to the overview" }));

    expect(screen.getByRole("heading", { level: 1, name: "Overview" })).toBeInTheDocument();
  });
});
