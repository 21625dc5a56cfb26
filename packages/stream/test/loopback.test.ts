/**
 * The stream over a real socket (undici to the fake on 127.0.0.1): interruption reaches the wire.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { TwilioHttpClient } from "@twilio-bindings/http"
import { FakeTwilio, FakeTwilioServer, FaultPlan } from "@twilio-bindings/testing"
import { Effect, Fiber, Layer, Schedule, Stream } from "effect"
import { Bindings } from "../src/index.js"

const onLoopback = Bindings.layer.pipe(
  Layer.provide(TwilioHttpClient.layerConfig()),
  Layer.provide(NodeHttpClient.layerUndici),
  Layer.provide(FakeTwilio.layerConfigProvider({ TWILIO_TIMEOUT: "1 minute" })),
  Layer.provideMerge(
    FakeTwilioServer.layer({
      services: [{ seed: 12, count: 30 }],
      faults: FaultPlan.script([undefined, FaultPlan.Fault.NoAnswer()])
    })
  )
)

/** Polls the fake's record (real time: this waits on a socket, not on a retry) until `check` holds. */
const eventually = (check: (requests: ReadonlyArray<FakeTwilio.RecordedRequest>) => boolean) =>
  Effect.flatMap(FakeTwilio.FakeTwilio, (fake) =>
    fake.requests.pipe(
      Effect.filterOrFail(check),
      Effect.retry(Schedule.spaced("10 millis").pipe(Schedule.upTo("5 seconds")))
    ))

describe("Bindings on loopback", () => {
  it.live("interrupting the stream mid-page closes the request on the wire", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const fiber = yield* Effect.fork(Stream.runDrain(Bindings.stream(fake.serviceSid, { pageSize: 10 })))
      yield* eventually((requests) => requests.length === 2)
      yield* Fiber.interrupt(fiber)
      const requests = yield* eventually((requests) => requests[1]?.clientDisconnected === true)
      assert.strictEqual(requests[1]?.fault, "NoAnswer")
      assert.isFalse(requests[0]?.clientDisconnected)
      assert.strictEqual(requests.length, 2)
    }).pipe(Effect.provide(onLoopback)))
})
