import { assert, describe, it } from "@effect/vitest"
import { Config, Effect, Exit, Layer, Redacted } from "effect"
import * as FakeTwilio from "../src/FakeTwilio.js"

const withConfig = (settings?: Readonly<Record<string, string>>) =>
  Effect.provide(FakeTwilio.layerConfigProvider(settings).pipe(Layer.provideMerge(FakeTwilio.layer())))

describe("the fake as configuration", () => {
  it.effect("answers TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_CHAT_BASE_URL with the fake's own", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      assert.strictEqual(yield* Config.string("TWILIO_ACCOUNT_SID"), fake.accountSid)
      const token = yield* Config.redacted("TWILIO_AUTH_TOKEN")
      assert.strictEqual(Redacted.value(token), Redacted.value(fake.authToken))
      assert.strictEqual(yield* Config.string("TWILIO_CHAT_BASE_URL"), fake.origin)
    }).pipe(withConfig()))

  it.effect("reads other names from the settings given, and the fake's own names win over them", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      assert.strictEqual(yield* Config.integer("TWILIO_MAX_RETRIES"), 2)
      assert.strictEqual(yield* Config.string("TWILIO_ACCOUNT_SID"), fake.accountSid)
    }).pipe(withConfig({ TWILIO_MAX_RETRIES: "2", TWILIO_ACCOUNT_SID: "AC-from-settings" })))

  it.effect("reads nothing from the process environment", () =>
    Effect.gen(function*() {
      assert.isDefined(process.env["PATH"])
      assert.isTrue(Exit.isFailure(yield* Effect.exit(Config.string("PATH"))))
    }).pipe(withConfig()))
})

describe("runOnTestClock", () => {
  it.effect("moves the TestClock until the effect is done, and returns its result", () =>
    Effect.gen(function*() {
      const result = yield* FakeTwilio.runOnTestClock(Effect.as(Effect.sleep("90 minutes"), "done"), {
        step: "1 minute",
        limit: "2 hours"
      })
      assert.strictEqual(result, "done")
    }))

  it.effect("dies once the limit of simulated time has passed", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(FakeTwilio.runOnTestClock(Effect.never, { step: "1 second", limit: "1 minute" }))
      assert.isTrue(Exit.isFailure(exit) && String(exit.cause).includes("still running after 1m of simulated time"))
    }))
})
