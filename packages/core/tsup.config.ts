import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/testing.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  // The testing entry imports the public entry by name, so both share one set of declarations.
  external: ["effect", "ts-pattern", "@quartermaster/core"]
})
