/**
 * The frame around every page: skip link, header, sidebar and the main landmark that the pages
 * render into (the router's Outlet).
 */
import type { ReactElement } from "react";
import { Outlet } from "react-router";

import { AppHeader } from "./AppHeader";
import { Sidebar } from "./Sidebar";
import { MAIN_CONTENT_ID, SkipLink } from "./SkipLink";

export function AppShell(): ReactElement {
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
    </div>
  );
}
