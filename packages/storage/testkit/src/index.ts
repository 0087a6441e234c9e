// Shared by the PostgreSQL and PGlite adapters' tests and benchmarks, so both measure and crash-test exactly
// the same workload. Not published.
export * as BalanceRead from "./BalanceRead.ts"
export * as Child from "./Child.ts"
export * as CrashWorkload from "./CrashWorkload.ts"
export * as Posting from "./Posting.ts"
export * as Report from "./Report.ts"
export * as Workload from "./Workload.ts"
