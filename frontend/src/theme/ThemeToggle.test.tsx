/**
 * Theme toggle, exercised through the whole console as a user sees it:
 * - first load with nothing stored → dark (button pressed, `dark` on <html>)
 * - toggle → light, stored under `ngf-console.theme`; toggle again → dark, stored
 * - a reload restores the stored choice; an unknown stored value reads as dark
 * - storage that throws (privacy modes) never breaks theming
 * - a change made in another tab is followed
 */
import { act, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { renderApp } from "../test/renderApp";
import { THEME_STORAGE_KEY } from "./themeStorage";

function themeToggle(): HTMLElement {
  return screen.getByRole("button", { name: "Dark mode" });
}

function htmlIsDark(): boolean {
  return document.documentElement.classList.contains("dark");
}

describe("ThemeToggle", () => {
  it("starts in dark mode when no theme is stored", () => {
    renderApp();

    expect(themeToggle()).toHaveAttribute("aria-pressed", "true");
    expect(htmlIsDark()).toBe(true);
  });

  it("switches to light mode and stores the choice", async () => {
    const { user } = renderApp();

    await user.click(themeToggle());

    expect(themeToggle()).toHaveAttribute("aria-pressed", "false");
    expect(htmlIsDark()).toBe(false);
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");
  });

  it("switches back to dark mode on a second press", async () => {
    const { user } = renderApp();

    await user.click(themeToggle());
    await user.click(themeToggle());

    expect(themeToggle()).toHaveAttribute("aria-pressed", "true");
    expect(htmlIsDark()).toBe(true);
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");
  });

  it("restores the stored theme when the console loads again", async () => {
    const first = renderApp();
    await first.user.click(themeToggle());
    first.unmount();
    document.documentElement.classList.add("dark"); // index.html's default before React runs

    renderApp();

    expect(themeToggle()).toHaveAttribute("aria-pressed", "false");
    expect(htmlIsDark()).toBe(false);
  });

  it("is operable from the keyboard", async () => {
    const { user } = renderApp();

    themeToggle().focus();
    await user.keyboard("{Enter}");
    expect(htmlIsDark()).toBe(false);
    await user.keyboard(" ");
    expect(htmlIsDark()).toBe(true);
  });

  it("treats an unknown stored value as dark", () => {
    window.localStorage.setItem(THEME_STORAGE_KEY, "sepia");

    renderApp();

    expect(themeToggle()).toHaveAttribute("aria-pressed", "true");
    expect(htmlIsDark()).toBe(true);
  });

  it("keeps working when storage refuses access", async () => {
    const denied = (): never => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(denied);
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(denied);
    const { user } = renderApp();
    expect(htmlIsDark()).toBe(true);

    await user.click(themeToggle());

    expect(themeToggle()).toHaveAttribute("aria-pressed", "false");
    expect(htmlIsDark()).toBe(false);
  });

  it("follows a theme chosen in another tab", () => {
    renderApp();

    act(() => {
      window.localStorage.setItem(THEME_STORAGE_KEY, "light");
      window.dispatchEvent(new StorageEvent("storage", { key: THEME_STORAGE_KEY }));
    });

    expect(themeToggle()).toHaveAttribute("aria-pressed", "false");
    expect(htmlIsDark()).toBe(false);
  });
});
