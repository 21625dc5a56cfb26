// The README's example, kept here so that it type-checks and runs.
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, layer } from "@effect/vitest"
import { Duration, Effect, Fiber, TestClock } from "effect"
import { FakeTwilio, FaultPlan } from "../src/index.js"

layer(FakeTwilio.layer({
  services: [{ seed: 7, count: 500 }],
  faults: FaultPlan.script([FaultPlan.Fault.SlowAnswer({ delay: Duration.seconds(5) })])
}))("the README example", (it) => {
  it.effect("a slow first page arrives once the test clock has moved five seconds", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const request = HttpClientRequest.get(fake.firstPageUrl(fake.serviceSid, { pageSize: 100 })).pipe(
        HttpClientRequest.basicAuth(fake.accountSid, fake.authToken)
      )
      const fiber = yield* Effect.fork(HttpClient.execute(request))
      yield* TestClock.adjust(Duration.seconds(5))
      const response = yield* Fiber.join(fiber)
      assert.strictEqual(response.status, 200)
      const requests = yield* fake.requests
      assert.strictEqual(requests[0]?.headers["authorization"], `Basic ${fake.accountSid}:<redacted>`)
    }))
})
