import { assert, describe, it } from "@effect/vitest"
import { ConversationsBinding, Resource } from "@twilio-bindings/domain"
import { FakeTwilio, FaultPlan } from "@twilio-bindings/testing"
import { Chunk, Duration, Effect, FastCheck as fc, Option, Schema, Stream } from "effect"
import { Bindings, ConversationsBindings } from "../src/index.js"
import { onFake } from "./fixtures/fake.js"

const encodeConversations = Schema.encodeSync(ConversationsBinding.ConversationsBinding)
const requestCount = Effect.map(Effect.flatMap(FakeTwilio.FakeTwilio, (fake) => fake.requests), (all) => all.length)
const MISSING = "BS00000000000000000000000000000000"

/** Retries enough to get through any run of faults, on the TestClock. */
const patient = {
  TWILIO_MAX_RETRIES: "50",
  TWILIO_TIMEOUT: "5 seconds",
  TWILIO_RETRY_BASE_DELAY: "100 millis",
  TWILIO_RETRY_MAX_DELAY: "2 seconds"
}

describe("ConversationsBindings", () => {
  it.effect("lists a Conversations service's bindings, in order, as ConversationsBindings", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const listed = yield* ConversationsBindings.list(fake.serviceSid, { pageSize: 9 })
      assert.isTrue(Chunk.every(listed, (b) => b instanceof ConversationsBinding.ConversationsBinding))
      assert.deepStrictEqual(Chunk.toArray(Chunk.map(listed, (b) => encodeConversations(b))), [
        ...fake.conversationsListing(fake.serviceSid)
      ])
      const requests = yield* fake.requests
      assert.strictEqual(requests.length, Math.ceil(listed.length / 9))
      assert.isTrue(requests.every((request) => new URL(request.url).pathname.startsWith("/v1/Services/")))
    }).pipe(Effect.provide(onFake({ services: [{ seed: 2, count: 40 }] }))))

  it.effect("lists twilsock bindings, which Chat does not show", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const twilsock = yield* ConversationsBindings.list(fake.serviceSid, { bindingType: ["twilsock"] })
      assert.isAbove(Chunk.size(twilsock), 0)
      assert.deepStrictEqual(Chunk.toArray(Chunk.map(twilsock, (b) => encodeConversations(b))), [
        ...fake.conversationsListing(fake.serviceSid, { bindingType: ["twilsock"] })
      ])
      const chat = yield* Bindings.list(fake.serviceSid)
      assert.isTrue(Chunk.every(chat, (b) => b.bindingType !== ("twilsock" as string)))
      assert.strictEqual(Chunk.size(chat) + Chunk.size(twilsock), fake.conversationsListing(fake.serviceSid).length)
    }).pipe(Effect.provide(onFake({ services: [{ seed: 2, count: 40, twilsock: 0.25 }] }))))

  it.effect("checks Conversations' own rules before sending anything: pages of at most 100, twilsock allowed", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const error = yield* Effect.flip(ConversationsBindings.list(fake.serviceSid, { pageSize: 101 }))
      assert.strictEqual(error.message, "invalid pageSize: pageSize must be a whole number from 1 to 100, got 101")
      assert.strictEqual(yield* requestCount, 0)
      // a limit sizes the pages, within Conversations' bound
      yield* ConversationsBindings.list(fake.serviceSid, { bindingType: ["twilsock"] }, { limit: 500 })
      const [request] = yield* fake.requests
      assert.include(request!.url, "PageSize=100")
      assert.include(request!.url, "BindingType=twilsock")
    }).pipe(Effect.provide(onFake())))
})

/** The same operations on both products: one implementation, two descriptions. */
const products = [
  { name: "Bindings (Chat v2)", product: "chat", client: Bindings.Bindings },
  {
    name: "ConversationsBindings (Conversations v1)",
    product: "conversations",
    client: ConversationsBindings.ConversationsBindings
  }
] as const

for (const { client, name, product } of products) {
  // the two services have the same operations over different types: typed here as Chat's to share the tests
  const service = client as unknown as Effect.Effect<Bindings.Bindings.Service>
  const encode = Schema.encodeSync(Resource.byProduct[product].Item as unknown as Schema.Schema<unknown, unknown>)

  describe(`${name}: fetch and remove`, () => {
    it.effect("fetch gives the binding, or none for a SID the service does not have", () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const bindings = yield* service
        const wire = product === "chat" ? fake.listing(fake.serviceSid) : fake.conversationsListing(fake.serviceSid)
        const found = yield* bindings.fetch(fake.serviceSid, wire[3]!.sid!)
        assert.deepStrictEqual(Option.map(found, encode), Option.some(wire[3]))
        assert.isTrue(Option.isNone(yield* bindings.fetch(fake.serviceSid, MISSING)))
        const [request] = yield* fake.requests
        assert.strictEqual(request!.url, fake.bindingUrl(fake.serviceSid, wire[3]!.sid!, product))
      }).pipe(Effect.provide(onFake())))

    it.effect("refuses a bad SID before sending anything, naming the argument", () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const bindings = yield* service
        const badBinding = yield* Effect.flip(bindings.remove(fake.serviceSid, "BS123"))
        assert.strictEqual(badBinding._tag, "InvalidRequestError")
        assert.match(badBinding.message, /^invalid bindingSid: /)
        const badService = yield* Effect.flip(bindings.fetch("CR0123456789abcdef0123456789abcdef", MISSING))
        assert.match(badService.message, /^invalid serviceSid: /)
        // a path segment in disguise must not reach the URL
        yield* Effect.flip(bindings.remove(fake.serviceSid, "BS0123456789abcdef0123456789abcde/.."))
        assert.strictEqual(yield* requestCount, 0)
      }).pipe(Effect.provide(onFake())))

    it.effect("remove deletes once: deleted, then already gone", () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const bindings = yield* service
        const sid = fake.listing(fake.serviceSid)[0]!.sid!
        assert.strictEqual(yield* bindings.remove(fake.serviceSid, sid), "deleted")
        assert.strictEqual(yield* bindings.remove(fake.serviceSid, sid), "alreadyGone")
        assert.deepStrictEqual(yield* fake.deletions, [{ serviceSid: fake.serviceSid, sid, product }])
        assert.isTrue(Option.isNone(yield* bindings.fetch(fake.serviceSid, sid)))
      }).pipe(Effect.provide(onFake())))

    it.effect("a delete whose answer is lost lands once, and its retry reports the binding already gone", () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const bindings = yield* service
        const sid = fake.listing(fake.serviceSid)[0]!.sid!
        yield* fake.setFaultPlan(FaultPlan.script([FaultPlan.Fault.SlowAnswer({ delay: Duration.seconds(10) })]))
        const outcome = yield* FakeTwilio.runOnTestClock(bindings.remove(fake.serviceSid, sid))
        assert.strictEqual(outcome, "alreadyGone")
        assert.strictEqual(yield* requestCount, 2)
        assert.deepStrictEqual((yield* fake.deletions).map((d) => d.sid), [sid])
      }).pipe(Effect.provide(onFake({}, patient))))

    it.effect("a failure after the retries is a BindingRequestError naming the operation and the binding", () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio.FakeTwilio
        const bindings = yield* service
        yield* fake.setFaultPlan(() => FaultPlan.Fault.ServerError({ status: 503 }))
        const sid = fake.listing(fake.serviceSid)[0]!.sid!
        const error = yield* FakeTwilio.runOnTestClock(Effect.flip(bindings.remove(fake.serviceSid, sid)))
        assert.strictEqual(error._tag, "BindingRequestError")
        assert.match(error.message, new RegExp(`^remove of ${sid} failed: Twilio answered 503`))
        assert.deepStrictEqual(yield* fake.deletions, [])
      }).pipe(Effect.provide(onFake({}, { TWILIO_MAX_RETRIES: "2" }))))

    it.effect.prop(
      "the listing after removing a set is the listing minus that set",
      [fc.uniqueArray(fc.nat({ max: 29 }), { maxLength: 30 }), fc.integer({ min: 1, max: 11 })],
      ([positions, pageSize]) =>
        Effect.gen(function*() {
          const fake = yield* FakeTwilio.FakeTwilio
          const bindings = yield* service
          const before = fake.listing(fake.serviceSid).map((b) => b.sid!)
          const gone = new Set(positions.map((position) => before[position]!))
          yield* Effect.forEach(gone, (sid) => bindings.remove(fake.serviceSid, sid), { concurrency: 4 })
          const after = yield* bindings.list(fake.serviceSid, { pageSize })
          assert.deepStrictEqual(
            Chunk.toArray(Chunk.map(after, (b) => Option.getOrThrow(b.sid))),
            before.filter((sid) => !gone.has(sid))
          )
        }).pipe(Effect.provide(onFake({ services: [{ seed: 8, count: 30 }] }))),
      { fastCheck: { numRuns: 20 } }
    )

    it.effect.prop(
      "under 30% faults, removing every binding deletes each exactly once and leaves none",
      [fc.integer({ min: 0, max: 10_000 })],
      ([seed]) =>
        Effect.gen(function*() {
          const fake = yield* FakeTwilio.FakeTwilio
          const bindings = yield* service
          const all = fake.listing(fake.serviceSid).map((b) => b.sid!)
          // a slow answer lands the delete but comes after the client gave up: its retry meets a 404
          yield* fake.setFaultPlan(FaultPlan.random({
            seed,
            probability: 0.3,
            faults: FaultPlan.retryableFaults({ slowDelay: "10 seconds", retryAfterSeconds: 1 })
          }))
          const outcomes = yield* FakeTwilio.runOnTestClock(
            Effect.forEach(all, (sid) => bindings.remove(fake.serviceSid, sid), { concurrency: 4 })
          )
          assert.isTrue(outcomes.every((outcome) => outcome === "deleted" || outcome === "alreadyGone"))
          const deleted = (yield* fake.deletions).map((d) => d.sid)
          assert.deepStrictEqual([...deleted].sort(), [...all].sort())
          yield* fake.setFaultPlan(FaultPlan.none)
          assert.strictEqual(Chunk.size(yield* bindings.list(fake.serviceSid)), 0)
        }).pipe(Effect.provide(onFake({ services: [{ seed: 5, count: 25 }] }, patient))),
      { fastCheck: { numRuns: 10 } }
    )
  })
}

describe("one client per product", () => {
  it.effect("a page URL of one product is no cursor for the other", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const chatPage = fake.firstPageUrl(fake.serviceSid, { pageSize: 5 })
      const error = yield* Effect.flip(ConversationsBindings.list(fake.serviceSid, undefined, { startAt: chatPage }))
      assert.include(error.message, `must be a page URL of /v1/Services/${fake.serviceSid}/Bindings`)
      const got = yield* Stream.runCollect(
        ConversationsBindings.stream(fake.serviceSid, undefined, {
          startAt: fake.firstPageUrl(fake.serviceSid, { pageSize: 5 }, "conversations")
        })
      )
      assert.strictEqual(Chunk.size(got), fake.listing(fake.serviceSid).length)
    }).pipe(Effect.provide(onFake({ services: [{ seed: 1, count: 12 }] }))))
})
