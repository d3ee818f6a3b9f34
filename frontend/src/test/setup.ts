/**
 * Vitest setup for every test file: jest-dom matchers, DOM cleanup between tests, and a strict
 * console: any console.error or console.warn (React act() warnings, prop-type and key warnings,
 * router warnings) fails the test that caused it.
 */
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi, type MockInstance } from "vitest";

let consoleOutput: string[] = [];
let consoleSpies: MockInstance[] = [];

beforeEach(() => {
  consoleOutput = [];
  consoleSpies = (["error", "warn"] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleOutput.push(`console.${method}: ${args.map(String).join(" ")}`);
    }),
  );
});

afterEach(() => {
  cleanup();
  for (const spy of consoleSpies) {
    spy.mockRestore();
  }
  window.localStorage.clear();
  document.documentElement.className = "";
  document.title = "";
  if (consoleOutput.length > 0) {
    throw new Error(`Unexpected console output:\n${consoleOutput.join("\n")}`);
  }
});
