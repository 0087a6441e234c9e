/**
 * Domain events of transfers: every transfer command. They join the {@link DomainEvent} union; each carries
 * the transfer as it stands after the command, and the movements posted are in the same unit of work's
 * `MovementsPosted` event.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Transfer, TransferReceipt } from "./Transfer.ts"

/** A transfer was created (as a draft). @since 0.1.0 */
export const TransferCreated = Schema.TaggedStruct("TransferCreated", { transfer: Transfer })
/** A transfer was shipped into transit, or, when direct, moved in one posting. @since 0.1.0 */
export const TransferShipped = Schema.TaggedStruct("TransferShipped", { transfer: Transfer })
/** Goods were received against a transfer, with any damaged or short quantities written off. @since 0.1.0 */
export const TransferReceived = Schema.TaggedStruct("TransferReceived", { transfer: Transfer, receipt: TransferReceipt })
/** A transfer was closed; what was still in transit was written off as short. @since 0.1.0 */
export const TransferClosed = Schema.TaggedStruct("TransferClosed", { transfer: Transfer })
/** A draft transfer was cancelled. @since 0.1.0 */
export const TransferCancelled = Schema.TaggedStruct("TransferCancelled", { transfer: Transfer })

/**
 * Every transfer event.
 *
 * @since 0.1.0
 */
export const events = [TransferCreated, TransferShipped, TransferReceived, TransferClosed, TransferCancelled] as const
