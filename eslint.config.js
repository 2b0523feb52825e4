import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", Buffer: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-control-regex": "off",
    },
  },
  {
    // Every file nexus reads is opened by src/journal/regular-file.ts, which refuses a named
    // pipe, a device or a file past its size limit before reading a byte (a pipe would hang).
    files: ["src/**/*.ts"],
    ignores: ["src/journal/regular-file.ts", "src/site/browser/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["readFileSync", "readFile", "openSync", "open", "createReadStream"].map((property) => ({
          object: "fs",
          property,
          message: "read through src/journal/regular-file.ts (readRegular, openRegular): it refuses what is not a regular file, and files past a size limit, before reading",
        })),
      ],
    },
  },
);
