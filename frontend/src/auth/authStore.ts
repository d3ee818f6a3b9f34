/**
 * The session: the bearer token the user signed in with, kept in sessionStorage (gone when the
 * tab closes), and a notice for the login screen when the session ended (e.g. a 401).
 */
import { create } from "zustand";

export const TOKEN_STORAGE_KEY = "ngf-console.token";

export interface AuthState {
  readonly token: string | null;
  readonly notice: string | null;
  readonly login: (token: string) => void;
  readonly logout: (notice?: string) => void;
}

function readToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token === null) {
      window.sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    } else {
      window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    }
  } catch {
    // Storage refused (privacy mode): the session lasts as long as the page.
  }
}

export const useAuthStore = create<AuthState>()((set) => ({
  token: readToken(),
  notice: null,
  login: (token) => {
    writeToken(token);
    set({ token, notice: null });
  },
  logout: (notice) => {
    writeToken(null);
    set({ token: null, notice: notice ?? null });
  },
}));
