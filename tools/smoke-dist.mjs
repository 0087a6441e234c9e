// Loads every publishable package's built dist/ the way a consumer would, once through `import` and once
// through `require`, without the source condition. Run after `pnpm build`.
import { readFileSync, readdirSync, existsSync } from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { pathToFileURL } from "node:url"

const root = path.resolve(import.meta.dirname, "..")
const dirs = ["packages/core"]
for (const group of ["packages/storage", "packages/connectors"]) {
  const abs = path.join(root, group)
  if (existsSync(abs)) for (const name of readdirSync(abs)) if (existsSync(path.join(abs, name, "package.json"))) dirs.push(`${group}/${name}`)
}

let failures = 0
for (const dir of dirs) {
  const manifest = JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8"))
  if (manifest.private) continue
  const require = createRequire(path.join(root, dir, "package.json"))
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (target === null || typeof target !== "object") continue
    const file = (/** @type {"import" | "require"} */ kind) => path.join(root, dir, target[kind].default)
    try {
      const esm = await import(pathToFileURL(file("import")).href)
      const cjs = require(file("require"))
      const names = Object.keys(esm).sort().join(",")
      if (names !== Object.keys(cjs).sort().join(",") || names.length === 0) throw new Error(`ESM and CJS exports differ: ${names}`)
      console.log(`ok ${manifest.name}${subpath.slice(1)}: ${Object.keys(esm).length} exports (ESM and CJS)`)
    } catch (error) {
      failures++
      console.error(`FAIL ${manifest.name}${subpath.slice(1)}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}
process.exitCode = failures === 0 ? 0 : 1
