#!/usr/bin/env node
// The `quartermaster` command: runs src/main.ts on the workspace sources (the "@quartermaster/source" export
// condition) through tsx, in a child Node process that receives the arguments, stdio and signals. Without
// DATA_DIR it uses this package's data directory, the one `pnpm start` uses, from whatever directory it runs in.
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url))
// V8 flags for short young-generation pauses under load (docs/server.md, "Performance"): without allocation-site
// pretenuring, objects a request makes at sites V8 saw making long-lived objects at startup are no longer
// allocated straight into old space, where, dead but uncollected, they kept the rest of the request alive through
// every scavenge; a young generation of at most 2 × 8 MiB bounds the pause. (V8 refuses the first in NODE_OPTIONS.)
const child = spawn(
  process.execPath,
  ["--max-semi-space-size=8", "--no-allocation-site-pretenuring", "--conditions=@quartermaster/source", "--import", import.meta.resolve("tsx"), main, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? fileURLToPath(new URL("../data", import.meta.url)) } }
)
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal))
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal === null ? 1 : 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0))
})
