/**
 * Ctrl/Cmd-K: a modal combobox over pages, wizards and resources. Arrow keys move the active
 * option, Enter opens it, Escape closes and returns focus to where it was.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import type { KeyboardEvent, ReactElement } from "react";
import { useNavigate } from "react-router";

import { gatewayQueries } from "../api/queries/gatewayQueries";
import { inferenceQueries } from "../api/queries/inferenceQueries";
import { useApi } from "../api/useApi";
import { useUiStore } from "../state/uiStore";
import { filterItems, paletteItems } from "./paletteItems";

function PaletteDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useApi();
  const navigate = useNavigate();
  const listId = useId();
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const pools = useQuery(inferenceQueries.pools(client, ""));
  const bundles = useQuery(gatewayQueries.bundles(client, ""));
  const results = filterItems(paletteItems(pools.data, bundles.data), query);
  const activeIndex = Math.min(active, Math.max(results.length - 1, 0));

  useEffect(() => {
    function onEscape(event: globalThis.KeyboardEvent): void {
      if (event.key === "Escape") {
        onClose();
      }
    }
    window.addEventListener("keydown", onEscape);
    return () => {
      window.removeEventListener("keydown", onEscape);
    };
  }, [onClose]);

  useEffect(() => {
    const previous = document.activeElement;
    inputRef.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) {
        previous.focus();
      }
    };
  }, []);

  function open(index: number): void {
    const item = results[index];
    if (item !== undefined) {
      onClose();
      void navigate(item.to);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((activeIndex + 1) % Math.max(results.length, 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((activeIndex - 1 + results.length) % Math.max(results.length, 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      open(activeIndex);
    } else if (event.key === "Tab") {
      // The dialog is modal: focus stays in the search field.
      event.preventDefault();
    }
  }

  return (
    <div className="fixed inset-0 z-40 flex items-start justify-center bg-black/50 p-4 pt-24">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="w-full max-w-xl rounded-lg border border-line bg-surface shadow-2xl"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="sr-only">
          Command palette
        </h2>
        <input
          ref={inputRef}
          role="combobox"
          aria-label="Search pages and resources"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={
            results.length > 0 ? `${listId}-${String(activeIndex)}` : undefined
          }
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          placeholder="Go to a page, wizard, pool or gateway"
          className="w-full rounded-t-lg border-b border-line bg-transparent px-4 py-3 focus:outline-none"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Results"
          className="max-h-80 overflow-y-auto p-2"
        >
          {results.length === 0 && (
            <li role="presentation" className="px-3 py-2 text-sm text-fg-muted">
              Nothing matches “{query}”.
            </li>
          )}
          {results.map((item, index) => (
            <li
              key={item.id}
              id={`${listId}-${String(index)}`}
              role="option"
              aria-selected={index === activeIndex}
              onMouseDown={(e) => {
                e.preventDefault();
                open(index);
              }}
              className={`flex cursor-pointer justify-between rounded-md px-3 py-2 text-sm ${
                index === activeIndex ? "bg-surface-raised text-fg" : "text-fg-muted"
              }`}
            >
              <span>{item.label}</span>
              <span className="text-xs">{item.hint}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function CommandPalette(): ReactElement | null {
  const open = useUiStore((s) => s.paletteOpen);
  const setOpen = useUiStore((s) => s.setPaletteOpen);
  if (!open) {
    return null;
  }
  return (
    <PaletteDialog
      onClose={() => {
        setOpen(false);
      }}
    />
  );
}
