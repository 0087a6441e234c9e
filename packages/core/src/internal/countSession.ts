// Loading a count session inside a command's unit of work.
import { Effect } from "effect"
import { CountSessionState, UnknownCountSession } from "../CountError.ts"
import type { CountSession, CountSessionId } from "../CountSession.ts"
import { CountStore } from "../CountStore.ts"
import { CurrentActor } from "../CurrentActor.ts"

/** Loads a session, locked to the end of the unit of work, and checks its status. */
export const open = (sessionId: string, status: CountSession["status"], operation: string) =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const session = yield* (yield* CountStore).getSession(actor.tenantId, sessionId as CountSessionId, { forUpdate: true })
    if (session === undefined) return yield* new UnknownCountSession({ sessionId })
    if (session.status !== status) return yield* new CountSessionState({ sessionId, status: session.status, operation })
    return session
  })
