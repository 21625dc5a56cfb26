/**
 * The fault soak: a whole listing under a seeded plan of every retryable fault kind, checked for
 * exactly-once delivery in order, and for Retry-After being honoured (no retry sooner than it allows).
 * `pnpm soak` runs it on loopback in real time; the test suite runs a small one in memory on the TestClock.
 */
import type { HttpClient } from "@effect/platform"
import { TwilioHttpClient } from "@twilio-bindings/http"
import { Bindings } from "@twilio-bindings/stream"
import { FakeTwilio, FaultPlan } from "@twilio-bindings/testing"
import type { Duration } from "effect"
import { Clock, Effect, Layer, Stream } from "effect"

/** How hard to soak. */
export interface SoakOptions {
  /** Seed of the fault plan. */
  readonly seed: number
  /** The share of requests that fail (0..1). */
  readonly probability: number
  readonly pageSize: number
  /** Retry-After (seconds) on odd-numbered 429s; even ones say 0 ("retry now"). */
  readonly retryAfterSeconds: number
  /** How long a slow answer takes. */
  readonly slowDelay: Duration.DurationInput
}

/** What the soak saw. */
export interface SoakReport {
  readonly bindings: number
  readonly requests: number
  readonly pages: number
  readonly faults: Readonly<Record<string, number>>
  readonly retries: number
  readonly retryAfterHonoured: number
  readonly elapsedMs: number
  /** Every broken promise: a missing, repeated or misplaced binding, a retry sooner than Retry-After. */
  readonly problems: ReadonlyArray<string>
}

/** Settings of the client under soak: enough retries for a 30% plan, a timeout for unanswered requests. */
export const clientSettings = {
  TWILIO_MAX_RETRIES: "12",
  TWILIO_TIMEOUT: "1 second",
  TWILIO_RETRY_BASE_DELAY: "50 millis",
  TWILIO_RETRY_MAX_DELAY: "1 second"
}

/** The plan: every retryable kind with the given probability, Retry-After 0 ("now") on even requests. */
export const plan = (options: SoakOptions): FaultPlan.FaultPlan => {
  const random = FaultPlan.random({
    seed: options.seed,
    probability: options.probability,
    faults: FaultPlan.retryableFaults(options)
  })
  return (index) => {
    const fault = random(index)
    return fault?._tag === "RateLimited" && index % 2 === 0
      ? FaultPlan.Fault.RateLimited({ retryAfterSeconds: 0 })
      : fault
  }
}

/** Bindings on whichever fake is in context, as the soak's client. */
export const clientOf = <E, R>(transport: Layer.Layer<HttpClient.HttpClient, E, R>) =>
  Bindings.layer.pipe(
    Layer.provide(TwilioHttpClient.layerConfig()),
    Layer.provide(FakeTwilio.layerConfigProvider(clientSettings)),
    Layer.provide(transport)
  )

/** Runs the soak on the fake and the Bindings service in context. */
export const soak = (options: SoakOptions) =>
  Effect.gen(function*() {
    const fake = yield* FakeTwilio.FakeTwilio
    const faults = plan(options)
    yield* fake.clearRequests
    yield* fake.setFaultPlan(faults)
    const started = yield* Clock.currentTimeMillis
    const sids: Array<string | null> = []
    let pages = 0
    yield* Bindings.pages(fake.serviceSid, { pageSize: options.pageSize }).pipe(
      Stream.runForEach((page) =>
        Effect.sync(() => {
          pages++
          for (const binding of page.bindings) sids.push(binding.sid._tag === "Some" ? binding.sid.value : null)
        })
      )
    )
    const elapsedMs = (yield* Clock.currentTimeMillis) - started
    const expected = fake.listing(fake.serviceSid).map((b) => b.sid)
    const requests = yield* fake.requests
    const { faultCounts, problems, retryAfterHonoured } = check(sids, expected, requests, faults)
    return {
      bindings: sids.length,
      requests: requests.length,
      faults: faultCounts,
      pages,
      // every request beyond one per page was a retry (a slow answer within the timeout is not)
      retries: requests.length - pages,
      retryAfterHonoured,
      elapsedMs,
      problems: problems.slice(0, 20)
    } satisfies SoakReport
  })

/**
 * The soak's verdict: the delivered SIDs must be the expected ones, once each, in order; after a
 * 429, the next request must come no sooner than its Retry-After. `faults` is the plan the fake
 * ran, counted from the first recorded request.
 */
export const check = (
  delivered: ReadonlyArray<string | null>,
  expected: ReadonlyArray<string | null>,
  requests: ReadonlyArray<Pick<FakeTwilio.RecordedRequest, "fault" | "atMillis">>,
  faults: FaultPlan.FaultPlan
) => {
  const problems: Array<string> = []
  if (delivered.length !== expected.length) {
    problems.push(`delivered ${delivered.length} bindings, expected ${expected.length}`)
  }
  const seen = new Set<string | null>()
  delivered.forEach((sid, i) => {
    if (seen.has(sid)) problems.push(`binding ${sid} delivered twice (position ${i})`)
    seen.add(sid)
    if (sid !== expected[i]) problems.push(`position ${i}: got ${sid}, expected ${expected[i]}`)
  })
  const faultCounts: Record<string, number> = {}
  let retryAfterHonoured = 0
  requests.forEach((request, i) => {
    if (request.fault === undefined) return
    faultCounts[request.fault] = (faultCounts[request.fault] ?? 0) + 1
    const planned = faults(i)
    const next = requests[i + 1]
    if (planned?._tag !== "RateLimited" || next === undefined) return
    const waited = next.atMillis - request.atMillis
    if (waited < planned.retryAfterSeconds * 1000) {
      problems.push(
        `request ${i + 1} came ${waited} ms after a 429 that said Retry-After: ${planned.retryAfterSeconds}`
      )
    } else retryAfterHonoured++
  })
  return { problems, faultCounts, retryAfterHonoured }
}
