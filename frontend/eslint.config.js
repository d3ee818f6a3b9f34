// ESLint flat config: typed typescript-eslint rules, React hooks, Fast Refresh boundaries.
// Formatting is Prettier's job (eslint-config-prettier switches off the overlapping rules).
import js from "@eslint/js";
import prettier from "eslint-config-prettier/flat";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  // The generated OpenAPI types follow the generator's style, not ours (tsc still checks them).
  globalIgnores([
    "dist/",
    "coverage/",
    "node_modules/",
    "test-results/",
    "src/api/generated/schema.ts",
  ]),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/explicit-module-boundary-types": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": [
        "error",
        {
          name: "react-router/dom",
          message:
            "Import RouterProvider from 'react-router'. Under Node >= 20.19 the CJS build of react-router/dom loads a second copy of react-router (remix-run/react-router#12785), so tests would see two router contexts.",
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ExportDefaultDeclaration",
          message: "Use a named export; name the file after it.",
        },
      ],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended, reactRefresh.configs.vite],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tool configuration files must default-export their config.
    files: ["*.config.{js,ts}"],
    languageOptions: { globals: globals.node },
    rules: { "no-restricted-syntax": "off" },
  },
  prettier,
);
