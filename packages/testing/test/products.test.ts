import { assert, describe, it } from "@effect/vitest"
import { Resource } from "@twilio-bindings/domain"
import { Duration, Effect, Either, FastCheck as fc, Fiber } from "effect"
import * as BindingStore from "../src/BindingStore.js"
import * as FakeTwilio from "../src/FakeTwilio.js"
import * as FaultPlan from "../src/FaultPlan.js"
import * as Generators from "../src/Generators.js"
import { get, pages, send } from "./utils.js"

const { Fault } = FaultPlan

const withFake = (options: FakeTwilio.Options = {}) => Effect.provide(FakeTwilio.layer(options))
const fakeService = FakeTwilio.FakeTwilio

const sids = (bindings: ReadonlyArray<{ readonly sid: string | null }>) => bindings.map((binding) => binding.sid)

describe("the fake serves Chat v2 and Conversations v1 from one store", () => {
  it.effect("lists the same bindings on both products, each in its own shape", () =>
    Effect.gen(function*() {
      const fake = yield* fakeService
      const chat = yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize: 7 }))
      const conversations = yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize: 7 }, "conversations"))
      const chatBindings = chat.flatMap((page) => page.bindings)
      const conversationsBindings = conversations.flatMap((page) => page.bindings)
      assert.deepStrictEqual(sids(conversationsBindings), sids(chatBindings))
      assert.deepStrictEqual(conversationsBindings as ReadonlyArray<unknown>, [
        ...fake.conversationsListing(fake.serviceSid)
      ])
      for (const page of conversations) {
        assert.isTrue(
          Either.isRight(Resource.ConversationsBindings.decodePage(page)),
          JSON.stringify(page).slice(0, 200)
        )
        assert.match(page.meta.url, /\/v1\/Services\/IS\w+\/Bindings\?/)
      }
      const [first] = conversationsBindings as ReadonlyArray<Record<string, unknown>>
      assert.strictEqual(first!["chat_service_sid"], fake.serviceSid)
      assert.notProperty(first, "service_sid")
      assert.notProperty(first, "links")
      assert.strictEqual(first!["url"], fake.bindingUrl(fake.serviceSid, String(first!["sid"]), "conversations"))
    }).pipe(withFake({ services: [{ seed: 4, count: 30 }] })))

  it.effect("takes each product's page sizes and binding types", () =>
    Effect.gen(function*() {
      const fake = yield* fakeService
      const url = (product: "chat" | "conversations", query: string) =>
        `${fake.firstPageUrl(fake.serviceSid, {}, product)}?${query}`
      assert.strictEqual((yield* get(url("conversations", "PageSize=100"))).status, 200)
      const tooBig = yield* get(url("conversations", "PageSize=101"))
      assert.strictEqual(tooBig.status, 400)
      assert.include(JSON.stringify(tooBig.json), "from 1 to 100")
      assert.strictEqual((yield* get(url("chat", "PageSize=101"))).status, 200)
      assert.strictEqual((yield* get(url("conversations", "BindingType=twilsock"))).status, 200)
      const twilsockOnChat = yield* get(url("chat", "BindingType=twilsock"))
      assert.strictEqual(twilsockOnChat.status, 400)
      assert.include(JSON.stringify(twilsockOnChat.json), "is not one of gcm, apn, fcm")
    }).pipe(withFake()))

  it.effect("twilsock bindings: Conversations lists and filters them, Chat does not know them", () =>
    Effect.gen(function*() {
      const fake = yield* fakeService
      const conversations = (yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize: 7 }, "conversations")))
        .flatMap((page) => page.bindings) as ReadonlyArray<unknown> as ReadonlyArray<
          { sid: string; binding_type: string }
        >
      const twilsock = conversations.filter((b) => b.binding_type === "twilsock")
      assert.isAbove(twilsock.length, 5)
      assert.strictEqual(conversations.length, 60)
      const chat = (yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize: 7 }))).flatMap((page) => page.bindings)
      assert.deepStrictEqual(sids(chat), sids(conversations.filter((b) => b.binding_type !== "twilsock")))
      assert.deepStrictEqual(sids(chat), sids(fake.listing(fake.serviceSid)))
      assert.deepStrictEqual(sids(fake.bindings(fake.serviceSid)), sids(chat))
      for (const page of yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize: 7 }))) {
        assert.isTrue(Either.isRight(Resource.ChatBindings.decodePage(page)))
      }
      const filtered = yield* pages(fake.firstPageUrl(fake.serviceSid, { bindingType: ["twilsock"] }, "conversations"))
      assert.deepStrictEqual(sids(filtered.flatMap((page) => page.bindings)), sids(twilsock))
      assert.deepStrictEqual(
        sids(fake.conversationsListing(fake.serviceSid, { bindingType: ["twilsock"] })),
        sids(twilsock)
      )
      const sid = twilsock[0]!.sid
      assert.strictEqual((yield* get(fake.bindingUrl(fake.serviceSid, sid))).status, 404)
      assert.strictEqual((yield* send("DELETE", fake.bindingUrl(fake.serviceSid, sid))).status, 404)
      const one = yield* get(fake.bindingUrl(fake.serviceSid, sid, "conversations"))
      assert.strictEqual((one.json as { binding_type: string }).binding_type, "twilsock")
      assert.isTrue(Either.isRight(Resource.ConversationsBindings.decodeItem(one.json)))
    }).pipe(withFake({ services: [{ seed: 4, count: 60, twilsock: 0.3 }] })))

  it("a store generated without twilsock is the same as before the option existed", () => {
    const json = (twilsock?: number) =>
      JSON.stringify(BindingStore.toWire(Generators.generateStore({ seed: 12, count: 50, twilsock })))
    assert.strictEqual(json(0), json(undefined))
    assert.notStrictEqual(json(0.5), json(undefined))
  })

  it.effect("answers one binding by its SID, 404 / 20404 for one it does not have", () =>
    Effect.gen(function*() {
      const fake = yield* fakeService
      const [binding] = fake.listing(fake.serviceSid)
      const chat = yield* get(fake.bindingUrl(fake.serviceSid, binding!.sid!))
      assert.deepStrictEqual(chat.json, binding)
      const conversations = yield* get(fake.bindingUrl(fake.serviceSid, binding!.sid!, "conversations"))
      assert.deepStrictEqual(conversations.json, fake.conversationsListing(fake.serviceSid)[0])
      const missing = yield* get(
        fake.bindingUrl(fake.serviceSid, "BS00000000000000000000000000000000", "conversations")
      )
      assert.strictEqual(missing.status, 404)
      assert.strictEqual((missing.json as { code: number }).code, 20404)
    }).pipe(withFake()))

  it.effect("DELETE answers 204 without a body, once: then the binding is gone from both products", () =>
    Effect.gen(function*() {
      const fake = yield* fakeService
      const [first, second] = fake.listing(fake.serviceSid)
      const deleted = yield* send("DELETE", fake.bindingUrl(fake.serviceSid, first!.sid!))
      assert.strictEqual(deleted.status, 204)
      assert.strictEqual(deleted.text, "")
      const again = yield* send("DELETE", fake.bindingUrl(fake.serviceSid, first!.sid!, "conversations"))
      assert.strictEqual(again.status, 404)
      assert.include(again.text, "20404")
      assert.strictEqual((yield* get(fake.bindingUrl(fake.serviceSid, first!.sid!))).status, 404)
      assert.strictEqual(
        (yield* send("DELETE", fake.bindingUrl(fake.serviceSid, second!.sid!, "conversations"))).status,
        204
      )
      assert.deepStrictEqual(yield* fake.deletions, [
        { serviceSid: fake.serviceSid, sid: first!.sid!, product: "chat" },
        { serviceSid: fake.serviceSid, sid: second!.sid!, product: "conversations" }
      ])
      const listed = (yield* pages(fake.firstPageUrl(fake.serviceSid, {}, "conversations"))).flatMap((p) => p.bindings)
      assert.notInclude(sids(listed), first!.sid)
      assert.notInclude(sids(listed), second!.sid)
      assert.strictEqual(listed.length, fake.bindings(fake.serviceSid).length - 2)
    }).pipe(withFake()))

  it.effect.prop(
    "a listing after deleting a set of bindings is the listing minus that set, on every page size",
    [fc.uniqueArray(fc.nat({ max: 39 }), { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), fc.boolean()],
    ([positions, pageSize, conversations]) =>
      Effect.gen(function*() {
        const fake = yield* fakeService
        const before = fake.listing(fake.serviceSid)
        const gone = new Set(positions.map((position) => before[position]!.sid))
        yield* Effect.forEach(gone, (sid) => send("DELETE", fake.bindingUrl(fake.serviceSid, sid!)), { discard: true })
        const product = conversations ? "conversations" : "chat"
        const listed = (yield* pages(fake.firstPageUrl(fake.serviceSid, { pageSize }, product))).flatMap((p) =>
          p.bindings
        )
        assert.deepStrictEqual(sids(listed), sids(before).filter((sid) => !gone.has(sid)))
        assert.deepStrictEqual(sids(yield* fake.deletions), [...gone])
      }).pipe(withFake({ services: [{ seed: 9, count: 40 }] })),
    { fastCheck: { numRuns: 30 } }
  )

  it.effect("refuses other methods with 405 and says which are allowed", () =>
    Effect.gen(function*() {
      const fake = yield* fakeService
      const item = yield* send("POST", fake.bindingUrl(fake.serviceSid, fake.listing(fake.serviceSid)[0]!.sid!))
      assert.strictEqual(item.status, 405)
      assert.strictEqual(item.headers["allow"], "GET, DELETE")
      const collection = yield* send("DELETE", fake.firstPageUrl(fake.serviceSid, {}, "conversations"))
      assert.strictEqual(collection.status, 405)
      assert.strictEqual(collection.headers["allow"], "GET")
      assert.deepStrictEqual(yield* fake.deletions, [])
    }).pipe(withFake()))

  it.effect("a fault that answers instead of the API deletes nothing; one that delays the answer lets the delete land", () =>
    Effect.gen(function*() {
      const fake = yield* fakeService
      const [first] = fake.listing(fake.serviceSid)
      const url = fake.bindingUrl(fake.serviceSid, first!.sid!)
      yield* fake.setFaultPlan(FaultPlan.script([Fault.ServerError({ status: 503 }), Fault.ConnectionReset()]))
      assert.strictEqual((yield* send("DELETE", url)).status, 503)
      assert.isTrue(Either.isLeft(yield* Effect.either(send("DELETE", url))))
      assert.deepStrictEqual(yield* fake.deletions, [])
      yield* fake.setFaultPlan(FaultPlan.script([Fault.SlowAnswer({ delay: Duration.seconds(60) })]))
      // the answer is late (a client would have given up on it) but the binding is deleted
      const late = yield* Effect.fork(send("DELETE", url))
      yield* Effect.yieldNow()
      assert.deepStrictEqual(sids(yield* fake.deletions), [first!.sid])
      yield* Fiber.interrupt(late)
    }).pipe(withFake()))
})
