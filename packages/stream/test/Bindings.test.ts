import { assert, describe, it } from "@effect/vitest"
import { Binding } from "@twilio-bindings/domain"
import { FakeTwilio, FaultPlan } from "@twilio-bindings/testing"
import { Chunk, Effect, FastCheck as fc, Fiber, Option, Schema, Stream, TestClock } from "effect"
import { Bindings } from "../src/index.js"
import { onFake } from "./fixtures/fake.js"

const encodeBinding = Schema.encodeSync(Binding.Binding)
const toWire = (bindings: Iterable<Binding.Binding>) => Array.from(bindings, (binding) => encodeBinding(binding))
const sidsOf = (bindings: ReadonlyArray<{ readonly sid: string | null }>) => bindings.map((b) => b.sid)

const requests = Effect.flatMap(FakeTwilio.FakeTwilio, (fake) => fake.requests)
const requestCount = Effect.map(requests, (all) => all.length)

describe("Bindings.stream", () => {
  it.effect("lists every binding of a service, in order, with the wire values", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const all = yield* Bindings.list(fake.serviceSid, { pageSize: 7 })
      assert.deepStrictEqual(toWire(all), fake.bindings(fake.serviceSid))
      assert.strictEqual(yield* requestCount, Math.ceil(all.length / 7))
    }).pipe(Effect.provide(onFake({ services: [{ seed: 3, count: 40 }] }))))

  it.effect("applies the filters: OR within a key, AND across keys", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const identity = fake.bindings(fake.serviceSid)[0]!.identity!
      const filter = { bindingType: ["gcm", "fcm"] as const, identity: [identity] }
      const listed = yield* Bindings.list(fake.serviceSid, {
        bindingType: [...filter.bindingType],
        identity: [identity]
      })
      const expected = fake.bindings(fake.serviceSid).filter((b) =>
        (b.binding_type === "gcm" || b.binding_type === "fcm") && b.identity === identity
      )
      assert.deepStrictEqual(sidsOf(toWire(listed)), sidsOf(expected))
    }).pipe(Effect.provide(onFake({ services: [{ seed: 5, count: 300 }] }))))

  it.effect("is lazy: nothing is requested before the first pull", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const stream = Bindings.stream(fake.serviceSid)
      yield* Effect.yieldNow()
      assert.strictEqual(yield* requestCount, 0)
      yield* Stream.runDrain(Stream.take(stream, 1))
      assert.strictEqual(yield* requestCount, 1)
    }).pipe(Effect.provide(onFake())))

  it.effect.prop(
    "take(n) and limit: n make exactly ceil(n / pageSize) requests",
    [fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 30 }), fc.boolean()],
    ([n, pageSize, useLimit]) =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const stream = useLimit
          ? Bindings.stream(fake.serviceSid, { pageSize }, { limit: n })
          : Stream.take(Bindings.stream(fake.serviceSid, { pageSize }), n)
        const got = yield* Stream.runCollect(stream)
        assert.deepStrictEqual(sidsOf(toWire(got)), sidsOf(fake.bindings(fake.serviceSid).slice(0, n)))
        assert.strictEqual(yield* requestCount, Math.ceil(n / pageSize))
      }).pipe(Effect.provide(onFake({ services: [{ seed: 11, count: 150 }] }))),
    { fastCheck: { numRuns: 40 } }
  )

  it.effect.prop(
    "pages with a limit: the pages hold exactly the first n bindings, and no page beyond them is requested",
    [fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 3 })],
    ([n, pageSize, prefetch]) =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const pages = yield* Stream.runCollect(Bindings.pages(fake.serviceSid, { pageSize }, { limit: n, prefetch }))
        const bindings = Chunk.toReadonlyArray(pages).flatMap((page) => page.bindings)
        assert.deepStrictEqual(sidsOf(toWire(bindings)), sidsOf(fake.bindings(fake.serviceSid).slice(0, n)))
        assert.strictEqual(pages.length, Math.ceil(n / pageSize))
        assert.strictEqual(yield* requestCount, Math.ceil(n / pageSize))
      }).pipe(Effect.provide(onFake({ services: [{ seed: 11, count: 150 }] }))),
    { fastCheck: { numRuns: 40 } }
  )

  it.effect("with a limit and no page size, asks for one page of exactly that size", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const got = yield* Bindings.list(fake.serviceSid, {}, { limit: 73 })
      assert.strictEqual(got.length, 73)
      const [request, ...rest] = yield* requests
      assert.strictEqual(rest.length, 0)
      assert.strictEqual(new URL(request!.url).searchParams.get("PageSize"), "73")
    }).pipe(Effect.provide(onFake({ services: [{ seed: 1, count: 200 }] }))))

  it.effect("pages: one element per page, following next_page_url verbatim", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const pages = yield* Stream.runCollect(Bindings.pages(fake.serviceSid, { pageSize: 10, bindingType: ["apn"] }))
      const urls = Chunk.toReadonlyArray(pages).map((page) => page.meta.nextPageUrl)
      assert.deepStrictEqual((yield* requests).slice(1).map((r) => r.url), urls.slice(0, -1).map(Option.getOrThrow))
      assert.isTrue(Option.isNone(urls[urls.length - 1]!))
    }).pipe(Effect.provide(onFake({ services: [{ seed: 2, count: 100 }] }))))

  for (const prefetch of [0, 1, 3]) {
    it.effect(`with prefetch ${prefetch}, never more than ${prefetch} pages ahead of the consumer`, () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        let pulledPages = 0
        let worstLead = 0
        yield* Bindings.pages(fake.serviceSid, { pageSize: 5 }, { prefetch }).pipe(
          Stream.mapEffect((page) =>
            Effect.gen(function*() {
              pulledPages++
              // a slow consumer: give the producer every chance to run ahead
              for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
              worstLead = Math.max(worstLead, (yield* requestCount) - pulledPages)
              return page
            })
          ),
          Stream.runDrain
        )
        assert.strictEqual(pulledPages, 10)
        assert.strictEqual(worstLead, prefetch)
      }).pipe(Effect.provide(onFake({ services: [{ seed: 4, count: 50 }] }))))
  }

  it.effect("fails with a ListingError carrying a TwilioDecodeError that names the path", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([undefined, FaultPlan.Fault.SchemaViolation()]))
      const error = yield* Effect.flip(Bindings.list(fake.serviceSid, { pageSize: 10 }))
      assert.strictEqual(error._tag, "ListingError")
      if (error._tag !== "ListingError") return
      assert.strictEqual(error.emitted, 10)
      assert.strictEqual(error.cause._tag, "TwilioDecodeError")
      assert.match(error.cause._tag === "TwilioDecodeError" ? error.cause.path : "", /^bindings\[\d+\]\.\w+$/)
    }).pipe(Effect.provide(onFake({ services: [{ seed: 6, count: 40 }] }))))

  it.effect("page: the first page of the listing, as the API sent it", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const page = yield* Bindings.page(fake.serviceSid, { pageSize: 7 })
      assert.deepStrictEqual(toWire(page.bindings), fake.bindings(fake.serviceSid).slice(0, 7))
      assert.isTrue(Option.isSome(page.meta.nextPageUrl))
      assert.strictEqual(yield* requestCount, 1)
    }).pipe(Effect.provide(onFake({ services: [{ seed: 3, count: 40 }] }))))

  it.effect("page: a failed first page is a ListingError with nothing emitted and the page's URL to resume from", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([FaultPlan.Fault.NotJson()]))
      const error = yield* Effect.flip(Bindings.page(fake.serviceSid, { pageSize: 7 }))
      assert.strictEqual(error._tag, "ListingError")
      if (error._tag !== "ListingError") return
      assert.strictEqual(error.emitted, 0)
      assert.strictEqual(error.cause._tag, "TwilioDecodeError")
      assert.strictEqual(error.cursor, fake.firstPageUrl(fake.serviceSid, { pageSize: 7 }))
      assert.include(error.message, "listing failed after 0 bindings")
      assert.include(error.message, `resume with startAt: ${error.cursor}`)
    }).pipe(Effect.provide(onFake({ services: [{ seed: 3, count: 40 }] }))))

  it.effect("resumes from the cursor of a failed page: the two parts are the whole listing, once", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([undefined, undefined, FaultPlan.Fault.NotJson()]))
      const first: Array<Binding.Binding> = []
      const error = yield* Bindings.stream(fake.serviceSid, { pageSize: 8, bindingType: ["gcm", "apn"] }).pipe(
        Stream.runForEach((binding) => Effect.sync(() => first.push(binding))),
        Effect.flip
      )
      assert.strictEqual(error._tag, "ListingError")
      if (error._tag !== "ListingError") return
      assert.strictEqual(error.emitted, first.length)
      assert.strictEqual(first.length, 16)
      const rest = yield* Bindings.list(fake.serviceSid, {}, { startAt: error.cursor })
      const expected = fake.listing(fake.serviceSid, { bindingType: ["gcm", "apn"] })
      assert.deepStrictEqual(sidsOf(toWire([...first, ...rest])), sidsOf(expected))
    }).pipe(Effect.provide(onFake({ services: [{ seed: 8, count: 90 }] }))))

  it.effect("refuses a foreign next_page_url without sending credentials there", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([FaultPlan.Fault.ForeignNextPage({})]))
      const error = yield* Effect.flip(Bindings.list(fake.serviceSid, { pageSize: 5 }))
      assert.strictEqual(error._tag === "ListingError" && error.cause._tag, "ForeignUrlError")
      assert.isFalse((yield* requests).some((r) => r.foreign))
    }).pipe(Effect.provide(onFake({ services: [{ seed: 9, count: 20 }] }))))

  it.effect("interrupting the stream interrupts the request in flight", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      yield* fake.setFaultPlan(FaultPlan.script([undefined, FaultPlan.Fault.NoAnswer()]))
      const fiber = yield* Effect.fork(Stream.runDrain(Bindings.stream(fake.serviceSid, { pageSize: 5 })))
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* requestCount, 2)
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust("10 minutes")
      assert.strictEqual(yield* requestCount, 2)
    }).pipe(Effect.provide(onFake({ services: [{ seed: 10, count: 20 }] }))))
})

describe("Bindings.wirePages", () => {
  it.effect.prop(
    "the wire records of the pages, with the limit, the requests and the page meta of Bindings.pages",
    [fc.integer({ min: 0, max: 130 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 2 })],
    ([n, pageSize, prefetch]) =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const wire = Chunk.toReadonlyArray(
          yield* Stream.runCollect(Bindings.wirePages(fake.serviceSid, { pageSize }, { limit: n, prefetch }))
        )
        const wireRequests = yield* requestCount
        const pages = Chunk.toReadonlyArray(
          yield* Stream.runCollect(Bindings.pages(fake.serviceSid, { pageSize }, { limit: n, prefetch }))
        )
        // the records are the fake's own, as sent: nothing re-encoded
        assert.deepStrictEqual(wire.flatMap((page) => page.bindings), fake.bindings(fake.serviceSid).slice(0, n))
        assert.deepStrictEqual(wire.map((page) => page.bindings.length), pages.map((page) => page.bindings.length))
        assert.deepStrictEqual(wire.map((page) => page.meta), pages.map((page) => page.meta))
        assert.strictEqual(wireRequests, Math.ceil(Math.min(n, 130) / pageSize))
      }).pipe(Effect.provide(onFake({ services: [{ seed: 11, count: 130 }] }))),
    { fastCheck: { numRuns: 30 } }
  )

  it.effect("refuses a binding the schema refuses, with the same error as Bindings.pages", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const failure = <A, E>(stream: Stream.Stream<A, E, Bindings.Bindings>) =>
        Effect.gen(function*() {
          yield* fake.setFaultPlan(FaultPlan.script([undefined, FaultPlan.Fault.SchemaViolation()]))
          return yield* Effect.flip(Stream.runDrain(stream))
        })
      const wireError = yield* failure(Bindings.wirePages(fake.serviceSid, { pageSize: 10 }))
      const pagesError = yield* failure(Bindings.pages(fake.serviceSid, { pageSize: 10 }))
      assert.strictEqual(wireError._tag, "ListingError")
      assert.deepStrictEqual(wireError, pagesError)
    }).pipe(Effect.provide(onFake({ services: [{ seed: 6, count: 40 }] }))))
})

describe("Bindings.stream under faults", () => {
  const filterArb = fc.record({
    bindingType: fc.option(fc.subarray(["gcm", "apn", "fcm"] as const, { minLength: 1 }), { nil: undefined }),
    useIdentity: fc.boolean()
  })

  it.effect.prop(
    "yields exactly the filtered bindings, in order, once each, whatever retryable faults happen",
    [
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 120 }),
      filterArb,
      fc.integer({ min: 1, max: 25 }),
      fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.integer({ min: 0, max: 2 })
    ],
    ([seed, count, filter, pageSize, limit, probability, prefetch]) =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const stored = fake.bindings(fake.serviceSid)
        const identity = filter.useIdentity && stored.length > 0 ? [stored[seed % stored.length]!.identity!] : undefined
        const params = {
          pageSize,
          ...(filter.bindingType === undefined ? {} : { bindingType: [...filter.bindingType] }),
          ...(identity === undefined ? {} : { identity })
        }
        yield* fake.setFaultPlan(
          FaultPlan.random({ seed, probability, faults: FaultPlan.retryableFaults({ retryAfterSeconds: 2 }) })
        )
        const got = yield* FakeTwilio.runOnTestClock(
          Stream.runCollect(Bindings.stream(fake.serviceSid, params, { limit, prefetch })).pipe(Effect.orDie)
        )
        const expected = stored.filter((b) =>
          (params.bindingType === undefined || params.bindingType.includes(b.binding_type)) &&
          (identity === undefined || identity.includes(b.identity!))
        )
        assert.deepStrictEqual(
          sidsOf(toWire(got)),
          sidsOf(limit === undefined ? expected : expected.slice(0, limit))
        )
      }).pipe(
        Effect.provide(
          onFake({ services: [{ seed, count }] }, {
            TWILIO_MAX_RETRIES: "50",
            TWILIO_TIMEOUT: "5 seconds",
            TWILIO_RETRY_BASE_DELAY: "100 millis",
            TWILIO_RETRY_MAX_DELAY: "2 seconds"
          })
        )
      ),
    { fastCheck: { numRuns: 40 } }
  )
})
