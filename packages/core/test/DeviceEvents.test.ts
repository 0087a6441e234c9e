import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Fiber, Stream } from "effect"
import { TestClock } from "effect/testing"
import * as DeviceEvent from "../src/DeviceEvent.ts"
import { DeviceEvents, DeviceFeed } from "../src/DeviceEvents.ts"
import { DeviceFailure } from "../src/ScanError.ts"

describe("DeviceEvent", () => {
  it.effect("decodes barcode scans and RFID reads from JSON", () =>
    Effect.gen(function*() {
      const scan = yield* DeviceEvent.decode({ _tag: "BarcodeScanned", deviceId: "gun-1", data: "]C1\u001d0104006381333931", symbology: "]C1", at: "2026-01-02T03:04:05.000Z" })
      assert.strictEqual(scan._tag, "BarcodeScanned")
      assert.strictEqual(DateTime.formatIso(scan.at), "2026-01-02T03:04:05.000Z")
      const read = yield* DeviceEvent.decode({ _tag: "RfidRead", readerId: "dock-4", epc: "3034257bf7194e4000001a85", antenna: 2, rssi: -61.5, at: "2026-01-02T03:04:05.000Z" })
      assert.strictEqual(DeviceEvent.deviceOf(read), "dock-4")
      assert.strictEqual(DeviceEvent.codeOf(read), "3034257BF7194E4000001A85")
    }))

  it.effect("refuses malformed events with InvalidInput", () =>
    Effect.gen(function*() {
      const bad: ReadonlyArray<unknown> = [
        null,
        "scan",
        { _tag: "BarcodeScanned", deviceId: "gun-1", data: "", symbology: null, at: "2026-01-02T03:04:05.000Z" },
        { _tag: "BarcodeScanned", deviceId: "gun-1", data: "x", symbology: "E0", at: "2026-01-02T03:04:05.000Z" },
        { _tag: "BarcodeScanned", deviceId: "gun-1", data: "x", symbology: null, at: "yesterday" },
        { _tag: "RfidRead", readerId: "r", epc: "30342", antenna: 1, rssi: -50, at: "2026-01-02T03:04:05.000Z" },
        { _tag: "RfidRead", readerId: "r", epc: "ZZZZ", antenna: 1, rssi: -50, at: "2026-01-02T03:04:05.000Z" },
        { _tag: "RfidRead", readerId: "r", epc: "3034", antenna: -1, rssi: -50, at: "2026-01-02T03:04:05.000Z" }
      ]
      for (const input of bad) {
        const error = yield* Effect.flip(DeviceEvent.decode(input))
        assert.strictEqual(error._tag, "InvalidInput")
      }
    }))

  it.effect("stamps events with the Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.adjust("42 millis")
      const scan = yield* DeviceEvent.barcode({ deviceId: "gun-1", data: "A-01" })
      const read = yield* DeviceEvent.rfid({ readerId: "dock-4", epc: "3034" })
      assert.strictEqual(DateTime.toEpochMillis(scan.at), 42)
      assert.strictEqual(DateTime.toEpochMillis(read.at), 42)
    }))
})

describe("DeviceEvents", () => {
  it.effect("layerFromIterable replays its events", () =>
    Effect.gen(function*() {
      const scan = yield* DeviceEvent.barcode({ deviceId: "gun-1", data: "A-01" })
      const events = yield* Effect.flatMap(Effect.service(DeviceEvents), (d) => Stream.runCollect(d.events)).pipe(
        Effect.provide(DeviceEvents.layerFromIterable([scan, scan]))
      )
      assert.strictEqual(events.length, 2)
    }))

  it.effect("layerQueue delivers offered events in order and ends or fails on request", () =>
    Effect.gen(function*() {
      const devices = yield* DeviceEvents
      const feed = yield* DeviceFeed
      const fiber = yield* Effect.forkChild(Stream.runCollect(devices.events))
      for (const data of ["A", "B", "C"]) yield* feed.offer(yield* DeviceEvent.barcode({ deviceId: "gun-1", data }))
      yield* feed.end
      const events = yield* Fiber.join(fiber)
      assert.deepStrictEqual(events.map(DeviceEvent.codeOf), ["A", "B", "C"])
      assert.isFalse(yield* feed.offer(yield* DeviceEvent.barcode({ deviceId: "gun-1", data: "D" })))
    }).pipe(Effect.provide(DeviceEvents.layerQueue)))

  it.effect("layerQueue fails the stream with the device's failure", () =>
    Effect.gen(function*() {
      const devices = yield* DeviceEvents
      const feed = yield* DeviceFeed
      yield* feed.offerAll([yield* DeviceEvent.barcode({ deviceId: "gun-1", data: "A" })])
      yield* feed.fail(new DeviceFailure({ deviceId: "gun-1", retryable: true, reason: "disconnected" }))
      const error = yield* Effect.flip(Stream.runCollect(devices.events))
      assert.strictEqual(error._tag, "DeviceFailure")
    }).pipe(Effect.provide(DeviceEvents.layerQueue)))
})
