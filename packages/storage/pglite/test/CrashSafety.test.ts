import { Child, CrashWorkload } from "@quartermaster/testkit-storage"
import { assert, describe, it } from "@effect/vitest"
import { CurrentActor, EventLog, Invariants, LedgerStore, type Movement } from "@quartermaster/core"
import { PgliteStores } from "@quartermaster/storage-pglite"
import { Effect } from "effect"
import { randomUUID } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

const { postThenKill } = Child
const { actor, batchOf, batchOfId } = CrashWorkload

const ACKS = 300

/**
 * What the store holds for the tenant after the crash: every acknowledged movement must be there, batches
 * must be whole (a batch in flight at the kill either committed entirely or left no trace), its
 * `MovementsPosted` event must be there with it, and every invariant must hold.
 */
const checkSurvivors = (acknowledged: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const { tenantId } = yield* CurrentActor.CurrentActor
    const ledger = yield* LedgerStore.LedgerStore
    const found = yield* ledger.getMovements(tenantId, acknowledged as ReadonlyArray<Movement.Movement["id"]>)
    assert.deepStrictEqual(acknowledged.filter((id) => !found.has(id as Movement.Movement["id"])), [], "acknowledged movements that were lost")

    const stored: Array<string> = []
    for (let after = 0; ;) {
      const page = yield* ledger.movements(tenantId, {}, { afterSeq: after, limit: 1_000 })
      stored.push(...page.map((m) => m.id))
      if (page.length < 1_000) break
      after = page[page.length - 1]!.seq
    }
    const batches = new Map<number, number>()
    for (const id of stored) batches.set(batchOfId(id), (batches.get(batchOfId(id)) ?? 0) + 1)
    for (const [b, n] of batches) assert.strictEqual(n, batchOf(b).length, `batch ${b} is partly stored`)

    const events = yield* EventLog.EventLog
    const posted: Array<string> = []
    for (let after = 0; ;) {
      const page = yield* events.list(tenantId, { afterSeq: after, limit: 1_000 })
      for (const e of page) if (e.event._tag === "MovementsPosted") posted.push(...e.event.movements.map((m) => m.id))
      if (page.length < 1_000) break
      after = page[page.length - 1]!.seq
    }
    assert.deepStrictEqual(posted.sort(), [...stored].sort(), "movements and their MovementsPosted events")

    const report = yield* Invariants.verify
    assert.deepStrictEqual(report.violations, [])
    assert.isTrue(report.ok)
    return { acknowledged: acknowledged.length, stored: stored.length }
  })

// PGlite in a file data directory, its process killed with SIGKILL in the middle of a posting loop: the data
// directory is left as a crashed server leaves it (a stale postmaster.pid, WAL past the last checkpoint), and
// reopening it must recover every movement that was acknowledged.
// About 7 s on an idle 2-core machine, most of it PGlite creating the data directory (initdb in WebAssembly);
// the timeout is generous because that step slows down several times when the machine is busy.
describe("PGlite crash safety", () => {
  it.effect("a process killed mid-load reopens with every acknowledged movement and every invariant intact", () =>
    Effect.gen(function*() {
      const dataDir = yield* Effect.acquireRelease(
        Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "qm-pglite-crash-"))),
        (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
      )
      const tenantId = `crash-${randomUUID()}`
      const { acknowledged } = yield* postThenKill({
        cwd: path.resolve(import.meta.dirname, ".."),
        script: "test/fixtures/postUntilKilled.ts",
        args: [dataDir, tenantId],
        acks: ACKS
      })
      assert.isAtLeast(acknowledged.length, ACKS)
      const { stored } = yield* checkSurvivors(acknowledged).pipe(
        Effect.provide(PgliteStores.layer({ dataDir })),
        Effect.provide(actor(tenantId))
      )
      assert.isAtLeast(stored, acknowledged.length)
    }), 90_000)
})
