/**
 * Vite build, dev server and Vitest configuration for the NGF Console SPA.
 *
 * The dev and preview servers proxy `/api` (REST and the WebSocket hub) to the API server on
 * 127.0.0.1:8000, so the browser talks to one origin exactly as it does when the API server
 * serves the built SPA from `dist/`. The build fails when the JavaScript of the first page load
 * is over 350 KiB gzip (build-tools/initialJsBudget.ts).
 */
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import type { ProxyOptions } from "vite";
import { defineConfig } from "vitest/config";

import { initialJsBudget } from "./build-tools/initialJsBudget.ts";

const API_SERVER = "http://127.0.0.1:8000";

const proxy: Record<string, ProxyOptions> = {
  "/api": { target: API_SERVER, ws: true },
};

export default defineConfig({
  plugins: [react(), tailwindcss(), initialJsBudget(350)],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Size is governed by the gzip budget of the first load (initialJsBudget), not by Vite's
    // per-chunk warning on minified bytes.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test/setup.ts"],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
