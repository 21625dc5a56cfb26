import { assert, describe, it } from "@effect/vitest"
import { FakeTwilio, FaultPlan } from "@twilio-bindings/testing"
import { Effect, Layer } from "effect"
import { check, clientOf, soak } from "../src/Soak.js"

/** The soak's client on the in-memory fake: every delay (backoff, Retry-After, timeouts) on the TestClock. */
const inMemory = (count: number) => {
  const fake = FakeTwilio.layer({ services: [{ seed: 3, count }] })
  return clientOf(fake).pipe(Layer.provideMerge(fake))
}

describe("soak (small, in memory)", () => {
  it.effect("under 30% faults of every retryable kind, every binding arrives once, in order, Retry-After honoured", () =>
    Effect.gen(function*() {
      const report = yield* FakeTwilio.runOnTestClock(
        soak({ seed: 5, probability: 0.3, pageSize: 100, retryAfterSeconds: 1, slowDelay: "300 millis" }),
        { limit: "3 hours" }
      )
      assert.deepStrictEqual(report.problems, [])
      assert.strictEqual(report.bindings, 5000)
      assert.isAtLeast(report.retries, 10)
      assert.isAtLeast(report.retryAfterHonoured, 1)
      assert.isAtLeast(Object.keys(report.faults).length, 5)
      assert.strictEqual(report.pages, 50)
      assert.strictEqual(report.requests, 50 + report.retries)
    }).pipe(Effect.provide(inMemory(5000))))

  describe("check", () => {
    const none = FaultPlan.none
    const at = (...times: ReadonlyArray<number>) => times.map((atMillis) => ({ fault: undefined, atMillis }))

    it("passes a listing delivered once, in order", () => {
      assert.deepStrictEqual(check(["a", "b", "c"], ["a", "b", "c"], at(0), none).problems, [])
    })

    it("reports a lost binding", () => {
      assert.include(check(["a", "c"], ["a", "b", "c"], at(0), none).problems, "delivered 2 bindings, expected 3")
    })

    it("reports a repeated binding", () => {
      const { problems } = check(["a", "b", "b"], ["a", "b", "c"], at(0), none)
      assert.include(problems, "binding b delivered twice (position 2)")
    })

    it("reports bindings out of order", () => {
      assert.include(check(["b", "a"], ["a", "b"], at(0), none).problems, "position 0: got b, expected a")
    })

    it("reports a retry sooner than Retry-After, and counts the ones that waited", () => {
      const plan = FaultPlan.script([
        FaultPlan.Fault.RateLimited({ retryAfterSeconds: 2 }),
        undefined,
        FaultPlan.Fault.RateLimited({ retryAfterSeconds: 1 })
      ])
      const requests = [
        { fault: "RateLimited" as const, atMillis: 0 },
        { fault: undefined, atMillis: 1500 },
        { fault: "RateLimited" as const, atMillis: 1600 },
        { fault: undefined, atMillis: 2600 }
      ]
      const result = check([], [], requests, plan)
      assert.deepStrictEqual(result.problems, ["request 1 came 1500 ms after a 429 that said Retry-After: 2"])
      assert.strictEqual(result.retryAfterHonoured, 1)
      assert.deepStrictEqual(result.faultCounts, { RateLimited: 2 })
    })
  })
})
