/**
 * The MACRS percentage tables of IRS Publication 946, Appendix A, for GDS property with the 200% (3, 5, 7 and
 * 10-year) and 150% (15 and 20-year) declining balance method switching to straight line:
 *
 * - Table A-1: half-year convention;
 * - Tables A-2 to A-5: mid-quarter convention, placed in service in the first to fourth quarter.
 *
 * The percentages are typed in as published (decimal strings, two decimals, three for 20-year property), not
 * derived: the published tables are the law, rounding quirks included (a column may sum to a little under or over 100%).
 * `Depreciation` makes the last recovery year take what is left so the deductions add up to the basis.
 *
 * Provenance: Table A-1 and the 3 to 15-year columns as printed in Publication 946 (2025), pp. 71-73; the
 * 20-year columns of A-2 and A-4 cross-checked against a second transcription of the same tables, A-3 and A-5
 * (20-year) from one transcription. Every column sums to 100% except the 20-year columns of A-2 (99.992%) and
 * A-3 (99.999%), within the tables' own rounding.
 *
 * @since 0.1.0
 */

/** A column of a table: the percentage of the basis deducted in recovery years 1, 2, ... @since 0.1.0 */
export type Column = ReadonlyArray<string>

/** A table: one column per recovery period (3, 5, 7, 10, 15, 20 years). @since 0.1.0 */
export type Table = Readonly<Record<3 | 5 | 7 | 10 | 15 | 20, Column>>

/**
 * Table A-1: 3, 5, 7, 10, 15 and 20-year property, half-year convention.
 *
 * @since 0.1.0
 */
export const halfYear: Table = {
  3: ["33.33", "44.45", "14.81", "7.41"],
  5: ["20.00", "32.00", "19.20", "11.52", "11.52", "5.76"],
  7: ["14.29", "24.49", "17.49", "12.49", "8.93", "8.92", "8.93", "4.46"],
  10: ["10.00", "18.00", "14.40", "11.52", "9.22", "7.37", "6.55", "6.55", "6.56", "6.55", "3.28"],
  15: ["5.00", "9.50", "8.55", "7.70", "6.93", "6.23", "5.90", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "2.95"],
  20: [
    "3.750", "7.219", "6.677", "6.177", "5.713", "5.285", "4.888", "4.522", "4.462", "4.461", "4.462",
    "4.461", "4.462", "4.461", "4.462", "4.461", "4.462", "4.461", "4.462", "4.461", "2.231"
  ]
}

/**
 * Table A-2: mid-quarter convention, placed in service in the first quarter.
 *
 * @since 0.1.0
 */
export const midQuarter1: Table = {
  3: ["58.33", "27.78", "12.35", "1.54"],
  5: ["35.00", "26.00", "15.60", "11.01", "11.01", "1.38"],
  7: ["25.00", "21.43", "15.31", "10.93", "8.75", "8.74", "8.75", "1.09"],
  10: ["17.50", "16.50", "13.20", "10.56", "8.45", "6.76", "6.55", "6.55", "6.56", "6.55", "0.82"],
  15: ["8.75", "9.13", "8.21", "7.39", "6.65", "5.99", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "5.90", "0.74"],
  20: [
    "6.563", "7.000", "6.482", "5.996", "5.546", "5.130", "4.746", "4.459", "4.459", "4.459", "4.459",
    "4.460", "4.459", "4.460", "4.459", "4.460", "4.459", "4.460", "4.459", "4.460", "0.557"
  ]
}

/**
 * Table A-3: mid-quarter convention, placed in service in the second quarter.
 *
 * @since 0.1.0
 */
export const midQuarter2: Table = {
  3: ["41.67", "38.89", "14.14", "5.30"],
  5: ["25.00", "30.00", "18.00", "11.37", "11.37", "4.26"],
  7: ["17.85", "23.47", "16.76", "11.97", "8.87", "8.87", "8.87", "3.34"],
  10: ["12.50", "17.50", "14.00", "11.20", "8.96", "7.17", "6.55", "6.55", "6.56", "6.55", "2.46"],
  15: ["6.25", "9.38", "8.44", "7.59", "6.83", "6.15", "5.91", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "2.21"],
  20: [
    "4.688", "7.148", "6.612", "6.116", "5.658", "5.233", "4.841", "4.478", "4.463", "4.463", "4.463",
    "4.463", "4.463", "4.462", "4.463", "4.462", "4.463", "4.462", "4.463", "4.462", "1.673"
  ]
}

/**
 * Table A-4: mid-quarter convention, placed in service in the third quarter.
 *
 * @since 0.1.0
 */
export const midQuarter3: Table = {
  3: ["25.00", "50.00", "16.67", "8.33"],
  5: ["15.00", "34.00", "20.40", "12.24", "11.30", "7.06"],
  7: ["10.71", "25.51", "18.22", "13.02", "9.30", "8.85", "8.86", "5.53"],
  10: ["7.50", "18.50", "14.80", "11.84", "9.47", "7.58", "6.55", "6.55", "6.56", "6.55", "4.10"],
  15: ["3.75", "9.63", "8.66", "7.80", "7.02", "6.31", "5.90", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "3.69"],
  20: [
    "2.813", "7.289", "6.742", "6.237", "5.769", "5.336", "4.936", "4.566", "4.460", "4.460", "4.460",
    "4.460", "4.461", "4.460", "4.461", "4.460", "4.461", "4.460", "4.461", "4.460", "2.788"
  ]
}

/**
 * Table A-5: mid-quarter convention, placed in service in the fourth quarter.
 *
 * @since 0.1.0
 */
export const midQuarter4: Table = {
  3: ["8.33", "61.11", "20.37", "10.19"],
  5: ["5.00", "38.00", "22.80", "13.68", "10.94", "9.58"],
  7: ["3.57", "27.55", "19.68", "14.06", "10.04", "8.73", "8.73", "7.64"],
  10: ["2.50", "19.50", "15.60", "12.48", "9.98", "7.99", "6.55", "6.55", "6.56", "6.55", "5.74"],
  15: ["1.25", "9.88", "8.89", "8.00", "7.20", "6.48", "5.90", "5.90", "5.90", "5.91", "5.90", "5.91", "5.90", "5.91", "5.90", "5.17"],
  20: [
    "0.938", "7.430", "6.872", "6.357", "5.880", "5.439", "5.031", "4.654", "4.458", "4.458", "4.458",
    "4.458", "4.458", "4.458", "4.458", "4.458", "4.458", "4.459", "4.458", "4.459", "3.901"
  ]
}

/**
 * Every table with its name in Publication 946, for listing and for the sum checks.
 *
 * @since 0.1.0
 */
export const all: ReadonlyArray<{ readonly name: string; readonly table: Table }> = [
  { name: "A-1 (half-year)", table: halfYear },
  { name: "A-2 (mid-quarter, 1st quarter)", table: midQuarter1 },
  { name: "A-3 (mid-quarter, 2nd quarter)", table: midQuarter2 },
  { name: "A-4 (mid-quarter, 3rd quarter)", table: midQuarter3 },
  { name: "A-5 (mid-quarter, 4th quarter)", table: midQuarter4 }
]

/**
 * The column for a recovery period under a convention (`quarter` 1-4 for mid-quarter); `undefined` when
 * Appendix A has none.
 *
 * @since 0.1.0
 */
export const column = (recoveryPeriod: number, convention: "halfYear" | "midQuarter", quarter: number): Column | undefined => {
  const table = convention === "halfYear"
    ? halfYear
    : quarter === 1
    ? midQuarter1
    : quarter === 2
    ? midQuarter2
    : quarter === 3
    ? midQuarter3
    : quarter === 4
    ? midQuarter4
    : undefined
  return table === undefined ? undefined : (table as Readonly<Record<number, Column>>)[recoveryPeriod]
}
