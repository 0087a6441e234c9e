import "./tools/node20-compat.ts"
import { defineConfig } from "vitest/config"

// Tests run on `src/` through the source export condition, so no package needs a build first.
const conditions = ["@quartermaster/source"]

export default defineConfig({
  resolve: { conditions: [...conditions, "import", "module", "node", "default"] },
  ssr: { resolve: { conditions: [...conditions, "import", "node", "default"], externalConditions: conditions } },
  test: {
    include: ["packages/**/test/**/*.test.ts", "examples/**/test/**/*.test.ts", "tools/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"]
  }
})
