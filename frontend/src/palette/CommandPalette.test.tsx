/**
 * The command palette from the keyboard: Ctrl-K (and Cmd-K) opens it with focus in the search
 * field, typing filters pages and resources, arrows move the active option, Enter navigates,
 * Escape closes and returns focus.
 */
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { FakeApi, json } from "../test/FakeApi";
import { renderApp } from "../test/renderApp";
import { poolSummary } from "../test/builders";

describe("CommandPalette", () => {
  it("opens with Ctrl-K, filters, and opens the chosen resource with the arrow keys and Enter", async () => {
    const api = new FakeApi().on("GET", "/api/v1/inference/pools", () =>
      json({ items: [poolSummary("team-a", "llama3"), poolSummary("team-a", "mixtral")] }),
    );
    const { user, router } = renderApp("/", { api });

    await user.keyboard("{Control>}k{/Control}");
    const search = screen.getByRole("combobox", { name: "Search pages and resources" });
    expect(search).toHaveFocus();
    expect(screen.getByRole("dialog", { name: "Command palette" })).toBeInTheDocument();

    await user.type(search, "team-a");
    const results = screen.getByRole("listbox", { name: "Results" });
    const options = await within(results).findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([
      "team-a/llama3Inference pool · llama-3-8b",
      "team-a/mixtralInference pool · llama-3-8b",
    ]);
    expect(options[0]).toHaveAttribute("aria-selected", "true");

    await user.keyboard("{ArrowDown}");
    expect(within(results).getAllByRole("option")[1]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");

    expect(router.state.location.pathname).toBe("/inference/pools/team-a/mixtral");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("opens with Cmd-K, jumps to a page, and closes with Escape restoring focus", async () => {
    const { user, router } = renderApp("/");
    const opener = screen.getByRole("button", { name: /Search and jump/ });
    opener.focus();

    await user.keyboard("{Meta>}k{/Meta}");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(opener).toHaveFocus();

    await user.keyboard("{Meta>}k{/Meta}");
    await user.keyboard("create gateway{Enter}");
    expect(router.state.location.pathname).toBe("/gateways/create");
  });

  it("says when nothing matches", async () => {
    const { user } = renderApp("/");
    await user.keyboard("{Control>}k{/Control}zzz");
    expect(screen.getByText("Nothing matches “zzz”.")).toBeInTheDocument();
    expect(
      within(screen.getByRole("listbox", { name: "Results" })).queryAllByRole("option"),
    ).toHaveLength(0);
  });
});
