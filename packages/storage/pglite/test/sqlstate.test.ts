import { describe, expect, it } from "@effect/vitest"
import { classify } from "../src/internal/sqlstate.ts"

describe("SQLSTATE classification for PGlite errors", () => {
  it("maps the codes the stores rely on", () => {
    const reason = (code: string, constraint?: string) => classify({ code, constraint, message: "m" }, "query").reason
    expect(reason("23505", "qm_items_sku_key")).toMatchObject({ _tag: "UniqueViolation", constraint: "qm_items_sku_key" })
    expect(reason("40P01")._tag).toBe("DeadlockError")
    expect(reason("40001")._tag).toBe("SerializationError")
    expect(reason("55P03")._tag).toBe("LockTimeoutError")
    expect(reason("57014")._tag).toBe("StatementTimeoutError")
    expect(reason("08006")._tag).toBe("ConnectionError")
    expect(reason("57P01")._tag).toBe("ConnectionError")
    expect(reason("42P01")._tag).toBe("SqlSyntaxError")
    expect(reason("23503")._tag).toBe("ConstraintError")
    expect(reason("22012")._tag).toBe("UnknownError")
    expect(classify("not an error object", "open").reason._tag).toBe("UnknownError")
  })

  it("marks deadlocks and connection loss retryable, constraint failures not", () => {
    expect(classify({ code: "40P01" }, "q").isRetryable).toBe(true)
    expect(classify({ code: "08006" }, "q").isRetryable).toBe(true)
    expect(classify({ code: "23505", constraint: "c" }, "q").isRetryable).toBe(false)
  })
})
