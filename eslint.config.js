// @ts-check
import js from "@eslint/js"
import tseslint from "typescript-eslint"
import quartermaster from "./tools/eslint/dependency-direction.js"

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "**/.tsbuild/**", "docs/api/**", "**/data/**"]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { console: "readonly", process: "readonly", URL: "readonly" }
    },
    plugins: { quartermaster },
    rules: {
      "quartermaster/dependency-direction": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-namespace": "off",
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: "Time comes from effect's Clock, not Date.now()."
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: "Randomness and ids come from the IdGenerator service or effect's Random."
        }
      ]
    }
  },
  {
    files: ["tools/**/*.js", "eslint.config.js"],
    rules: { "@typescript-eslint/no-explicit-any": "off" }
  },
  {
    files: ["**/bench/**", "**/test/**", "tools/**"],
    rules: { "no-restricted-syntax": "off" }
  }
)
