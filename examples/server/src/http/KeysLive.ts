/**
 * Handlers of the keys group. An admin manages the keys of its own tenant only.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../Api.ts"
import * as ApiKeys from "../ApiKeys.ts"
import { CurrentKey } from "../Auth.ts"
import * as Problem from "../Problem.ts"

/**
 * The keys handlers.
 *
 * @since 0.1.0
 */
export const KeysLive = HttpApiBuilder.group(Api, "keys", (handlers) =>
  handlers.handleAll({
    list: () =>
      Effect.flatMap(CurrentKey, (current) => ApiKeys.list(current.tenantId)).pipe(Effect.orDie),
    create: ({ payload }) =>
      Effect.gen(function*() {
        const current = yield* CurrentKey
        const created = yield* ApiKeys.create({ tenantId: current.tenantId, role: payload.role, name: payload.name }).pipe(Effect.orDie)
        yield* Effect.logInfo(`API key ${created.id} (${payload.role}) created by ${current.id}`)
        return { id: created.id, key: created.key, name: payload.name, role: payload.role }
      }),
    revoke: ({ params }) =>
      Effect.gen(function*() {
        const current = yield* CurrentKey
        yield* ApiKeys.revoke(current.tenantId, params.keyId).pipe(
          Effect.catchTag("UnknownKey", (error) => Effect.fail(new Problem.NotFound({ detail: error.message }))),
          Effect.catchTag("SqlError", Effect.die)
        )
        yield* Effect.logInfo(`API key ${params.keyId} revoked by ${current.id}`)
      })
  }))
