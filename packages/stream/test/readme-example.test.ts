import { assert, it } from "@effect/vitest"
import { TwilioHttpClient } from "@twilio-bindings/http"
import { Bindings } from "@twilio-bindings/stream"
import { FakeTwilio, FaultPlan } from "@twilio-bindings/testing"
import { Effect, Fiber, Layer, Stream, TestClock } from "effect"

// The code under test: count a service's Apple bindings.
const countApple = (service: string) => Stream.runCount(Bindings.stream(service, { bindingType: ["apn"] }))

// Bindings on the in-memory fake: a 429 with Retry-After: 2 first, then real pages.
const Fake = FakeTwilio.layer({
  services: [{ seed: 7, count: 500 }],
  faults: FaultPlan.script([FaultPlan.Fault.RateLimited({ retryAfterSeconds: 2 })])
})
const TestLayer = Bindings.layer.pipe(
  Layer.provide(TwilioHttpClient.layerConfig()), // reads TWILIO_* as in production…
  Layer.provide(FakeTwilio.layerConfigProvider()), // …which the fake answers with its own
  Layer.provideMerge(Fake)
)

it.effect("counts the Apple bindings, retrying after the 429 on the TestClock", () =>
  Effect.gen(function*() {
    const fake = yield* FakeTwilio.FakeTwilio
    const fiber = yield* Effect.fork(countApple(fake.serviceSid))
    yield* TestClock.adjust("2 seconds") // Retry-After, without waiting for real
    const count = yield* Fiber.join(fiber)
    assert.strictEqual(count, fake.listing(fake.serviceSid, { bindingType: ["apn"] }).length)
    assert.strictEqual((yield* fake.requests)[0]?.fault, "RateLimited")
  }).pipe(Effect.provide(TestLayer)))
