/**
 * Device events: what barcode scanners and RFID readers report, as a Schema tagged union.
 *
 * A barcode scan carries the raw data and the AIM symbology identifier (`]E0` for EAN-13, `]C1` for GS1-128,
 * …) when the scanner sends one. An RFID read carries the tag's EPC in hex, the antenna, the signal strength
 * and the reader's time. Decoding GS1 element strings or EPC binary into GTINs and serials is the job of a
 * connector; the core takes the data as a plain code.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Schema } from "effect"
import { decode as decodeWith, type InvalidInput } from "./InputError.ts"
import { isPrintable } from "./internal/text.ts"
import { UtcTime } from "./internal/utcTime.ts"

/** A device or reader id: 1–128 printable characters. @since 0.1.0 */
export const DeviceId = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 128 && isPrintable(s)) || "a device id of 1 to 128 printable characters"))
)

/** An AIM symbology identifier: `]`, a code character and a modifier, e.g. `]E0`. @since 0.1.0 */
export const SymbologyId = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => /^\][A-Za-z][0-9A-Za-z]$/.test(s) || "an AIM symbology identifier such as ]E0"))
)

/** Raw barcode data: 1 to 4,096 characters, control characters (such as the GS separator) included. @since 0.1.0 */
export const BarcodeData = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => (s.length >= 1 && s.length <= 4096) || "1 to 4096 characters"))
)

/** An EPC in hex: whole 16-bit words, at most 496 bits. @since 0.1.0 */
export const EpcHex = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      (s.length >= 4 && s.length <= 124 && s.length % 4 === 0 && /^[0-9A-Fa-f]+$/.test(s)) || "an EPC of whole 16-bit words in hex"
    )
  )
)

/** A barcode was scanned. `at` is the scan time, from the Clock of whoever stamped the event. @since 0.1.0 */
export const BarcodeScanned = Schema.TaggedStruct("BarcodeScanned", {
  deviceId: DeviceId,
  data: BarcodeData,
  symbology: Schema.NullOr(SymbologyId),
  at: UtcTime
})
/** @since 0.1.0 */
export type BarcodeScanned = typeof BarcodeScanned.Type

/** An RFID tag was read. `rssi` is in dBm; `at` is the reader's time. @since 0.1.0 */
export const RfidRead = Schema.TaggedStruct("RfidRead", {
  readerId: DeviceId,
  epc: EpcHex,
  antenna: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  rssi: Schema.Finite,
  at: UtcTime
})
/** @since 0.1.0 */
export type RfidRead = typeof RfidRead.Type

/** Every device event. @since 0.1.0 */
export const DeviceEvent = Schema.Union([BarcodeScanned, RfidRead])
/** @since 0.1.0 */
export type DeviceEvent = typeof DeviceEvent.Type

const decodeEvent = decodeWith("deviceEvent", DeviceEvent)

/**
 * Decodes a device event from its JSON form (times as ISO strings), for adapters that receive untrusted input.
 *
 * @since 0.1.0
 */
export const decode = (input: unknown): Effect.Effect<DeviceEvent, InvalidInput> => decodeEvent(input)

/** The device (scanner or reader) that reported the event. @since 0.1.0 */
export const deviceOf = (event: DeviceEvent): string => (event._tag === "BarcodeScanned" ? event.deviceId : event.readerId)

/** The code the event carries: the barcode data as read, or the EPC in upper-case hex. @since 0.1.0 */
export const codeOf = (event: DeviceEvent): string => (event._tag === "BarcodeScanned" ? event.data : event.epc.toUpperCase())

/**
 * A barcode scan, stamped with `at` or else with the current `Clock` time. The fields are not validated; use
 * {@link decode} for untrusted input.
 *
 * @since 0.1.0
 */
export const barcode = (fields: {
  readonly deviceId: string
  readonly data: string
  readonly symbology?: string | null
  readonly at?: DateTime.Utc
}): Effect.Effect<BarcodeScanned> =>
  Effect.map(fields.at === undefined ? DateTime.now : Effect.succeed(fields.at), (at) => ({
    _tag: "BarcodeScanned" as const,
    deviceId: fields.deviceId,
    data: fields.data,
    symbology: fields.symbology ?? null,
    at
  }))

/**
 * An RFID read, stamped with `at` or else with the current `Clock` time. The fields are not validated; use
 * {@link decode} for untrusted input.
 *
 * @since 0.1.0
 */
export const rfid = (fields: {
  readonly readerId: string
  readonly epc: string
  readonly antenna?: number
  readonly rssi?: number
  readonly at?: DateTime.Utc
}): Effect.Effect<RfidRead> =>
  Effect.map(fields.at === undefined ? DateTime.now : Effect.succeed(fields.at), (at) => ({
    _tag: "RfidRead" as const,
    readerId: fields.readerId,
    epc: fields.epc,
    antenna: fields.antenna ?? 1,
    rssi: fields.rssi ?? 0,
    at
  }))
