/**
 * The frame around every page: skip link, header, sidebar, the main landmark that the pages
 * render into (the router's Outlet) and the command palette. Without a session it sends the
 * user to /login, remembering where they were going.
 */
import { useEffect } from "react";
import type { ReactElement } from "react";
import { Navigate, Outlet, useLocation } from "react-router";

import { useAuthStore } from "../auth/authStore";
import { CommandPalette } from "../palette/CommandPalette";
import { useUiStore } from "../state/uiStore";
import { AppHeader } from "./AppHeader";
import { Sidebar } from "./Sidebar";
import { MAIN_CONTENT_ID, SkipLink } from "./SkipLink";

export function AppShell(): ReactElement {
  const token = useAuthStore((s) => s.token);
  const location = useLocation();
  const setPaletteOpen = useUiStore((s) => s.setPaletteOpen);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setPaletteOpen(true);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
    };
  }, [setPaletteOpen]);

  if (token === null) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }

  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <AppHeader />
      <div className="flex flex-1 flex-col md:flex-row">
        <Sidebar />
        <main
          id={MAIN_CONTENT_ID}
          tabIndex={-1}
          className="min-w-0 flex-1 px-6 py-8 focus:outline-none md:px-10"
        >
          <Outlet />
        </main>
      </div>
      <CommandPalette />
    </div>
  );
}
