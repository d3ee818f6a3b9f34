/**
 * UI state shared across pages: the namespace the lists show ("" for all namespaces, persisted
 * in localStorage) and whether the command palette is open.
 */
import { create } from "zustand";

export const NAMESPACE_STORAGE_KEY = "ngf-console.namespace";

export interface UiState {
  readonly namespace: string;
  readonly paletteOpen: boolean;
  readonly setNamespace: (namespace: string) => void;
  readonly setPaletteOpen: (open: boolean) => void;
}

function readNamespace(): string {
  try {
    return window.localStorage.getItem(NAMESPACE_STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

export const useUiStore = create<UiState>()((set) => ({
  namespace: readNamespace(),
  paletteOpen: false,
  setNamespace: (namespace) => {
    try {
      window.localStorage.setItem(NAMESPACE_STORAGE_KEY, namespace);
    } catch {
      // Storage refused: the choice lasts as long as the page.
    }
    set({ namespace });
  },
  setPaletteOpen: (paletteOpen) => {
    set({ paletteOpen });
  },
}));
