import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import * as Csv from "../src/Csv.ts"

const ok = <A>(r: Result.Result<A, Csv.CsvError>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got: ${r.failure.message}`)
  return r.success
}
const issues = <A>(r: Result.Result<A, Csv.CsvError>): ReadonlyArray<Csv.Issue> => {
  if (Result.isSuccess(r)) throw new Error("expected a CsvError")
  assert.strictEqual(r.failure._tag, "CsvError")
  return r.failure.issues
}

describe("Csv.parse", () => {
  it("reads quoted fields, doubled quotes, embedded line breaks, CRLF and LF", () => {
    const text = "sku,name,note\r\nA-1,\"Bolt, M8\",\"say \"\"hi\"\"\"\nA-2,Nut,\"two\r\nlines\"\r\n"
    assert.deepStrictEqual(ok(Csv.parse(text)), [
      ["sku", "name", "note"],
      ["A-1", "Bolt, M8", "say \"hi\""],
      ["A-2", "Nut", "two\r\nlines"]
    ])
  })

  it("strips a byte-order mark, keeps spaces, skips blank lines and reads empty fields", () => {
    assert.deepStrictEqual(ok(Csv.parse("\uFEFFa,b\n\n x ,\r\n\r\n,\"\"\n")), [["a", "b"], [" x ", ""], ["", ""]])
    assert.deepStrictEqual(ok(Csv.parse("")), [])
    assert.deepStrictEqual(ok(Csv.parse("a\rb\r")), [["a"], ["b"]])
  })

  it("reports every ragged row with its line", () => {
    const found = issues(Csv.parse("a,b\n1,2\n1\n1,2,3\n\"x\ny\",2\n4\n"))
    assert.deepStrictEqual(found.map((i) => [i.line, i.reason]), [
      [3, "expected 2 fields, found 1"],
      [4, "expected 2 fields, found 3"],
      [7, "expected 2 fields, found 1"]
    ])
  })

  it("reports structural errors with line and column", () => {
    assert.deepStrictEqual(issues(Csv.parse("a,b\n1,\"open\nstill open")), [{ line: 2, column: 3, reason: "a quoted field is never closed" }])
    assert.deepStrictEqual(issues(Csv.parse("a,b\n\"x\"y,2")).map((i) => [i.line, i.column]), [[2, 4]])
    assert.deepStrictEqual(issues(Csv.parse("a,b\nx,ab\"c")).map((i) => [i.line, i.column]), [[2, 5]])
  })

  it("enforces its limits", () => {
    assert.match(issues(Csv.parse("a,b,c", { maxFields: 2 }))[0]!.reason, /more than 2 fields/)
    assert.match(issues(Csv.parse("a\nb\nc", { maxRows: 2 }))[0]!.reason, /more than 2 rows/)
    assert.match(issues(Csv.parse("abcdef", { maxChars: 5 }))[0]!.reason, /longer than 5/)
    assert.strictEqual(issues(Csv.parse("a,b\n1\n2\n3\n4", { maxIssues: 2 })).length, 2)
  })
})

describe("Csv.parseTable", () => {
  it("maps records by trimmed column name with their start line", () => {
    const table = ok(Csv.parseTable(" sku ,qty\nA,\"1\n\"\nB,2\n"))
    assert.deepStrictEqual(table.columns, ["sku", "qty"])
    assert.deepStrictEqual(table.records, [{ line: 2, values: { sku: "A", qty: "1\n" } }, { line: 4, values: { sku: "B", qty: "2" } }])
  })

  it("refuses an empty file, unnamed and repeated columns", () => {
    assert.match(issues(Csv.parseTable(""))[0]!.reason, /empty/)
    assert.deepStrictEqual(issues(Csv.parseTable("a,,a\n1,2,3")).map((i) => i.column), [2, 3])
  })
})

describe("Csv.write", () => {
  it("quotes only what needs it and ends lines with CRLF", () => {
    assert.strictEqual(Csv.write([["a", "b,c", "d\"e", "f\ng"], [""]]), "a,\"b,c\",\"d\"\"e\",\"f\ng\"\r\n\"\"\r\n")
    assert.strictEqual(Csv.writeTable(["x", "y"], [{ x: "1" }]), "x,y\r\n1,\r\n")
  })
})

// Strings rich in the characters that matter to CSV.
const cell = fc.string({ unit: fc.constantFrom("a", "Z", " ", ",", "\"", "\r", "\n", "\uFEFF", "é", "\u0000", "x"), maxLength: 12 })
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: fc.constantFrom("a", ",", "\"", "\r", "\n", "\uFEFF", " "), maxLength: 200 }))

describe("Csv properties", () => {
  it("never throws on any text: it parses or returns a CsvError with positive positions", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const result of [Csv.parse(text), Csv.parseTable(text)] as ReadonlyArray<Result.Result<unknown, Csv.CsvError>>) {
          if (Result.isFailure(result)) {
            assert.strictEqual(result.failure._tag, "CsvError")
            assert.isAbove(result.failure.issues.length, 0)
            for (const i of result.failure.issues) assert.isTrue(i.line >= 1 && i.column >= 1)
          }
        }
      }),
      { numRuns: 3000 }
    )
  })

  it("parse(write(table)) gives the table back exactly", () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }))
    fc.assert(
      fc.property(table, (rows) => {
        assert.deepStrictEqual(ok(Csv.parse(Csv.write(rows))), rows)
      }),
      { numRuns: 2000 }
    )
  })

  it("line numbers count physical lines, embedded breaks included", () => {
    const table = fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(table, (rows) => {
        const parsed = ok(Csv.parseRows(Csv.write(rows)))
        let line = 1
        parsed.forEach((row, i) => {
          assert.strictEqual(row.line, line)
          const text = Csv.write([rows[i]!])
          line += text.split(/\r\n|\r|\n/).length - 1
        })
      }),
      { numRuns: 1000 }
    )
  })
})
