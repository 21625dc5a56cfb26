import { assert, layer } from "@effect/vitest"
import type { Binding, BindingType } from "@twilio-bindings/domain"
import { Effect, Redacted } from "effect"
import twilio from "twilio"
import { FakeTwilio } from "../src/FakeTwilio.js"
import * as FakeTwilioServer from "../src/FakeTwilioServer.js"

/**
 * The parts of twilio-node used here. Its published declarations do not type-check under this repository's
 * settings (`esModuleInterop: false` turns its default export into `any`), so the shape is stated once.
 */
interface SdkBinding {
  readonly sid: string
  readonly identity: string | null
  readonly bindingType: string
  readonly endpoint: string | null
  readonly url: string | null
}
/** One binding's context: `services(sid).bindings(sid)`. */
interface SdkBindingContext {
  readonly fetch: () => Promise<SdkBinding & { readonly chatServiceSid?: string; readonly serviceSid?: string }>
  readonly remove: () => Promise<boolean>
}
interface SdkClient {
  readonly conversations: {
    baseUrl: string
    readonly v1: {
      readonly services: (sid: string) => {
        readonly bindings: ((sid: string) => SdkBindingContext) & {
          readonly list: (params?: { readonly pageSize?: number; readonly bindingType?: Array<string> }) => Promise<
            Array<SdkBinding & { readonly chatServiceSid: string }>
          >
        }
      }
    }
  }
  readonly chat: {
    baseUrl: string
    readonly v2: {
      readonly services: (sid: string) => {
        readonly bindings: ((sid: string) => SdkBindingContext) & {
          readonly list: (params?: SdkFilter & { readonly pageSize?: number }) => Promise<Array<SdkBinding>>
          readonly each: (params: {
            readonly pageSize?: number
            readonly callback: (binding: SdkBinding) => void
            readonly done: (error?: unknown) => void
          }) => void
        }
      }
    }
  }
}
interface SdkRestException {
  readonly status: number
  readonly code: number
  readonly moreInfo: string
}

/** The official SDK (twilio-node 6.2.0), pointed at the fake by replacing the chat domain's base URL. */
const sdk = Effect.map(FakeTwilio, (fake) => {
  const client: SdkClient = twilio(fake.accountSid, Redacted.value(fake.authToken))
  client.chat.baseUrl = fake.origin
  client.conversations.baseUrl = fake.origin
  return client
})

interface SdkFilter {
  readonly bindingType?: Array<BindingType.BindingType>
  readonly identity?: Array<string>
}

const sdkList = (filter: SdkFilter) =>
  Effect.flatMap(
    Effect.zip(sdk, FakeTwilio),
    ([client, fake]) =>
      Effect.promise(() => client.chat.v2.services(fake.serviceSid).bindings.list({ ...filter, pageSize: 20 }))
  )

const summary = (bindings: ReadonlyArray<Binding.BindingWire>) =>
  bindings.map((binding) => [binding.sid, binding.identity, binding.binding_type, binding.endpoint, binding.url])

const identities = (fake: FakeTwilio.Service) => [
  ...new Set(fake.bindings(fake.serviceSid).map((binding) => binding.identity ?? ""))
]

const awkwardIdentities = (fake: FakeTwilio.Service) =>
  identities(fake).filter((identity) => /[ &=+]|[^\x00-\x7f]/.test(identity))

layer(FakeTwilioServer.layer({ services: [{ seed: 21, count: 95 }] }), { excludeTestServices: true })(
  "the official SDK against the loopback fake",
  (it) => {
    it.effect("list() with no filter returns exactly the fake's bindings, in order", () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio
        const listed = yield* sdkList({})
        assert.deepStrictEqual(
          listed.map((binding) => [binding.sid, binding.identity, binding.bindingType, binding.endpoint, binding.url]),
          summary(fake.bindings(fake.serviceSid))
        )
      }))

    const filters: ReadonlyArray<readonly [string, (fake: FakeTwilio.Service) => SdkFilter]> = [
      ["bindingType: apn", () => ({ bindingType: ["apn"] })],
      ["bindingType: gcm, fcm", () => ({ bindingType: ["gcm", "fcm"] })],
      ["identities that need percent-encoding", (fake) => ({ identity: awkwardIdentities(fake).slice(0, 2) })],
      ["bindingType and identity", (fake) => ({ bindingType: ["apn", "fcm"], identity: identities(fake).slice(0, 6) })]
    ]
    for (const [name, filterOf] of filters) {
      it.effect(`list() with ${name} agrees with the fake's listing`, () =>
        Effect.gen(function*() {
          const fake = yield* FakeTwilio
          const filter = filterOf(fake)
          const listed = yield* sdkList(filter)
          const expected = fake.listing(fake.serviceSid, filter)
          assert.isAbove(expected.length, 0)
          assert.deepStrictEqual(listed.map((binding) => binding.sid), expected.map((binding) => binding.sid))
        }))
    }

    it.effect("each() visits exactly the fake's bindings, in order", () =>
      Effect.gen(function*() {
        const [client, fake] = yield* Effect.zip(sdk, FakeTwilio)
        const seen = yield* Effect.async<Array<string>, unknown>((resume) => {
          const sids: Array<string> = []
          client.chat.v2.services(fake.serviceSid).bindings.each({
            pageSize: 7,
            callback: (binding) => {
              sids.push(binding.sid)
            },
            done: (error) => resume(error === undefined || error === null ? Effect.succeed(sids) : Effect.fail(error))
          })
        })
        assert.deepStrictEqual(seen, fake.bindings(fake.serviceSid).map((binding) => binding.sid))
      }))

    it.effect("an unknown service surfaces as the SDK's RestException with status 404 and code 20404", () =>
      Effect.gen(function*() {
        const client = yield* sdk
        const error = yield* Effect.flip(Effect.tryPromise({
          try: () => client.chat.v2.services("IS00000000000000000000000000000000").bindings.list(),
          catch: (error) => error
        }))
        assert.instanceOf(error, twilio.RestException)
        const exception = error as SdkRestException
        assert.strictEqual(exception.status, 404)
        assert.strictEqual(exception.code, 20404)
        assert.strictEqual(exception.moreInfo, "https://www.twilio.com/docs/errors/20404")
      }))

    it.effect("the SDK's requests carry the account SID as the Basic-auth user", () =>
      Effect.gen(function*() {
        const fake = yield* FakeTwilio
        yield* fake.clearRequests
        yield* sdkList({})
        const requests = yield* fake.requests
        assert.isAbove(requests.length, 1)
        assert.isTrue(requests.every((request) => request.authUser === fake.accountSid && !request.foreign))
      }))
  }
)

layer(FakeTwilioServer.layer({ services: [{ seed: 22, count: 60 }] }), { excludeTestServices: true })(
  "the official SDK against the loopback fake: Conversations, fetch and remove",
  (it) => {
    const call = <A>(f: () => Promise<A>) => Effect.tryPromise({ try: f, catch: (error) => error })

    it.effect("conversations list() returns the fake's bindings, in order, with the chat service SID", () =>
      Effect.gen(function*() {
        const [client, fake] = yield* Effect.zip(sdk, FakeTwilio)
        const listed = yield* call(() =>
          client.conversations.v1.services(fake.serviceSid).bindings.list({ pageSize: 9 })
        )
        assert.deepStrictEqual(
          listed.map((b) => [b.sid, b.chatServiceSid, b.identity, b.bindingType, b.endpoint, b.url]),
          fake.conversationsListing(fake.serviceSid).map((b) => [
            b.sid,
            b.chat_service_sid,
            b.identity,
            b.binding_type,
            b.endpoint,
            b.url
          ])
        )
      }))

    it.effect("fetch() of one binding agrees on both products; remove() deletes it once; then fetch is a 404", () =>
      Effect.gen(function*() {
        const [client, fake] = yield* Effect.zip(sdk, FakeTwilio)
        const [first, second] = fake.listing(fake.serviceSid)
        const chat = yield* call(() => client.chat.v2.services(fake.serviceSid).bindings(first!.sid!).fetch())
        assert.deepStrictEqual([chat.sid, chat.serviceSid, chat.url], [first!.sid, first!.service_sid, first!.url])
        const conversations = yield* call(() =>
          client.conversations.v1.services(fake.serviceSid).bindings(first!.sid!).fetch()
        )
        assert.deepStrictEqual([conversations.sid, conversations.chatServiceSid], [first!.sid, fake.serviceSid])
        assert.isTrue(
          yield* call(() => client.conversations.v1.services(fake.serviceSid).bindings(first!.sid!).remove())
        )
        assert.isTrue(yield* call(() => client.chat.v2.services(fake.serviceSid).bindings(second!.sid!).remove()))
        assert.deepStrictEqual((yield* fake.deletions).map((d) => [d.sid, d.product]), [
          [first!.sid, "conversations"],
          [second!.sid, "chat"]
        ])
        const gone = yield* Effect.flip(
          call(() => client.chat.v2.services(fake.serviceSid).bindings(first!.sid!).fetch())
        )
        assert.instanceOf(gone, twilio.RestException)
        assert.strictEqual((gone as SdkRestException).code, 20404)
        const again = yield* Effect.flip(
          call(() => client.conversations.v1.services(fake.serviceSid).bindings(second!.sid!).remove())
        )
        assert.strictEqual((again as SdkRestException).status, 404)
      }))
  }
)
