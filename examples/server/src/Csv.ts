/**
 * CSV as RFC 4180 describes it: a parser and a writer.
 *
 * The parser accepts CRLF, LF or CR line ends, a leading byte-order mark, quoted fields with doubled quotes
 * and embedded line breaks, and skips blank lines. It never throws: garbage (an unterminated quote, text
 * after a closing quote, a quote inside an unquoted field, rows of the wrong width, input over the limits)
 * comes back as a {@link CsvError} that lists every problem found with its line and column.
 *
 * The writer quotes exactly the fields that need it, so `parse(write(rows))` gives `rows` back.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"

/** One problem in a CSV text, at a 1-based line and column. @since 0.1.0 */
export const Issue = Schema.Struct({ line: Schema.Int, column: Schema.Int, reason: Schema.String })
/** @since 0.1.0 */
export type Issue = typeof Issue.Type

/** The text is not valid CSV (or breaks a limit). `issues` lists every problem found. @since 0.1.0 */
export class CsvError extends Schema.TaggedError<CsvError>()("CsvError", {
  issues: Schema.Array(Issue)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return this.issues.map((i) => `line ${i.line}, column ${i.column}: ${i.reason}`).join("\n")
  }
}

/**
 * Parser limits. A text longer than `maxChars`, a row with more than `maxFields` fields or more than
 * `maxRows` rows is refused. At most `maxIssues` problems are reported.
 *
 * @since 0.1.0
 */
export interface Limits {
  readonly maxChars?: number
  readonly maxFields?: number
  readonly maxRows?: number
  readonly maxIssues?: number
}

/** The default limits: 64 Mi characters, 1,000 fields per row, 1,000,000 rows, 100 issues. @since 0.1.0 */
export const defaultLimits: Required<Limits> = { maxChars: 64 * 1024 * 1024, maxFields: 1000, maxRows: 1_000_000, maxIssues: 100 }

/** A parsed row and the line it starts on. @since 0.1.0 */
export interface Row {
  readonly line: number
  readonly fields: ReadonlyArray<string>
}

const QUOTE = 34
const COMMA = 44
const CR = 13
const LF = 10

const fail = (issues: ReadonlyArray<Issue>) => Result.fail(new CsvError({ issues: [...issues] }))

/**
 * Parses CSV text into rows with their line numbers. Rows may differ in width here; {@link parseTable}
 * checks the width against the header.
 *
 * @since 0.1.0
 */
export const parseRows = (text: string, limits: Limits = {}): Result.Result<Array<Row>, CsvError> => {
  const lim = { ...defaultLimits, ...limits }
  if (typeof text !== "string") return fail([{ line: 1, column: 1, reason: "the input is not text" }])
  if (text.length > lim.maxChars) return fail([{ line: 1, column: 1, reason: `the input is longer than ${lim.maxChars} characters` }])
  const rows: Array<Row> = []
  const n = text.length
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1
  let lineStart = i === 1 ? 1 : 0
  while (i < n) {
    const c0 = text.charCodeAt(i)
    // A blank line is no row.
    if (c0 === CR || c0 === LF) {
      i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
      line++
      lineStart = i
      continue
    }
    const rowLine = line
    const fields: Array<string> = []
    for (;;) {
      if (fields.length >= lim.maxFields) {
        return fail([{ line, column: i - lineStart + 1, reason: `a row has more than ${lim.maxFields} fields` }])
      }
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line
        const openColumn = i - lineStart + 1
        i++
        let value = ""
        let from = i
        for (;;) {
          if (i >= n) return fail([{ line: openLine, column: openColumn, reason: "a quoted field is never closed" }])
          const c = text.charCodeAt(i)
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(from, i + 1)
              i += 2
              from = i
              continue
            }
            value += text.slice(from, i)
            i++
            break
          }
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
            line++
            lineStart = i + 1
          }
          i++
        }
        fields.push(value)
        const next = i < n ? text.charCodeAt(i) : -1
        if (next !== -1 && next !== COMMA && next !== CR && next !== LF) {
          return fail([{ line, column: i - lineStart + 1, reason: "text follows the closing quote of a field" }])
        }
      } else {
        const from = i
        while (i < n) {
          const c = text.charCodeAt(i)
          if (c === COMMA || c === CR || c === LF) break
          if (c === QUOTE) return fail([{ line, column: i - lineStart + 1, reason: "a quote inside an unquoted field (quote the field and double the quote)" }])
          i++
        }
        fields.push(text.slice(from, i))
      }
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++
        continue
      }
      break
    }
    rows.push({ line: rowLine, fields })
    if (rows.length > lim.maxRows) return fail([{ line: rowLine, column: 1, reason: `more than ${lim.maxRows} rows` }])
    if (i < n) {
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
      line++
      lineStart = i
    }
  }
  return Result.succeed(rows)
}

/**
 * Parses CSV text into rows of fields, every row as wide as the first. Rows of another width are reported,
 * all of them, with their line.
 *
 * @since 0.1.0
 */
export const parse = (text: string, limits: Limits = {}): Result.Result<Array<Array<string>>, CsvError> =>
  Result.flatMap(parseRows(text, limits), (rows) => {
    const issues = raggedIssues(rows, rows[0]?.fields.length ?? 0, limits.maxIssues ?? defaultLimits.maxIssues)
    return issues.length > 0 ? fail(issues) : Result.succeed(rows.map((r) => [...r.fields]))
  })

const raggedIssues = (rows: ReadonlyArray<Row>, width: number, max: number): Array<Issue> => {
  const issues: Array<Issue> = []
  for (const row of rows) {
    if (row.fields.length === width) continue
    issues.push({ line: row.line, column: 1, reason: `expected ${width} fields, found ${row.fields.length}` })
    if (issues.length >= max) break
  }
  return issues
}

/**
 * A CSV table: the header's column names and each record by column name, with the line it starts on.
 *
 * @since 0.1.0
 */
export interface Table {
  readonly columns: ReadonlyArray<string>
  readonly records: ReadonlyArray<{ readonly line: number; readonly values: Readonly<Record<string, string>> }>
}

/**
 * Parses CSV text whose first row names the columns (trimmed; empty or repeated names are errors). Every
 * record must be as wide as the header.
 *
 * @since 0.1.0
 */
export const parseTable = (text: string, limits: Limits = {}): Result.Result<Table, CsvError> =>
  Result.flatMap(parseRows(text, limits), (rows) => {
    const head = rows[0]
    if (head === undefined) return fail([{ line: 1, column: 1, reason: "the file is empty: expected a header row" }])
    const columns = head.fields.map((f) => f.trim())
    const issues: Array<Issue> = []
    columns.forEach((name, i) => {
      if (name === "") issues.push({ line: head.line, column: i + 1, reason: `column ${i + 1} of the header has no name` })
      else if (columns.indexOf(name) !== i) issues.push({ line: head.line, column: i + 1, reason: `column ${JSON.stringify(name)} is named twice` })
    })
    issues.push(...raggedIssues(rows.slice(1), columns.length, limits.maxIssues ?? defaultLimits.maxIssues))
    if (issues.length > 0) return fail(issues)
    return Result.succeed({
      columns,
      records: rows.slice(1).map((row) => {
        const values: Record<string, string> = {}
        columns.forEach((name, i) => {
          values[name] = row.fields[i]!
        })
        return { line: row.line, values }
      })
    })
  })

const needsQuotes = /[",\r\n]|^\uFEFF/

/**
 * Writes one field, quoted when it holds a comma, a quote or a line break.
 *
 * @since 0.1.0
 */
export const field = (value: string): string => (needsQuotes.test(value) ? `"${value.replaceAll("\"", "\"\"")}"` : value)

/**
 * Writes rows as CSV with CRLF line ends (RFC 4180). A row of one empty field is written as `""`, so it does
 * not read back as a blank line.
 *
 * @since 0.1.0
 */
export const write = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  let out = ""
  for (const row of rows) {
    out += row.length === 1 && row[0] === "" ? "\"\"" : row.map(field).join(",")
    out += "\r\n"
  }
  return out
}

/**
 * Writes a table: the header, then each record's values in column order (missing values empty).
 *
 * @since 0.1.0
 */
export const writeTable = (columns: ReadonlyArray<string>, records: ReadonlyArray<Readonly<Record<string, string | undefined>>>): string =>
  write([columns, ...records.map((r) => columns.map((c) => r[c] ?? ""))])
