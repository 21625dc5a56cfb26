import { HttpClient, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { TwilioHttpClient } from "@twilio-bindings/http"
import { Effect, Layer, Ref, Stream } from "effect"
import { Bindings } from "../src/index.js"

const SERVICE = "IS0123456789abcdef0123456789abcdef"

/** A transport that counts requests and answers each with an empty last page. */
const counting = Effect.gen(function*() {
  const requests = yield* Ref.make(0)
  const client = HttpClient.make((request) =>
    Effect.as(
      Ref.update(requests, (n) => n + 1),
      HttpClientResponse.fromWeb(
        request,
        Response.json({
          bindings: [],
          meta: {
            key: "bindings",
            page: 0,
            page_size: 50,
            url: "https://chat.twilio.com/x",
            first_page_url: "https://chat.twilio.com/x",
            next_page_url: null,
            previous_page_url: null
          }
        })
      )
    )
  )
  const layer = Bindings.layer.pipe(
    Layer.provide(TwilioHttpClient.layer({ accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "t" })),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )
  return { requests, layer }
})

const invalid: ReadonlyArray<
  [name: string, args: Parameters<typeof Bindings.stream>, field: string, rule: string]
> = [
  [
    "a service SID of another kind",
    ["BS0123456789abcdef0123456789abcdef"],
    "serviceSid",
    "ServiceSid must start with \"IS\""
  ],
  ["a short service SID", ["IS123"], "serviceSid", "ServiceSid must be 34 characters"],
  ["PageSize 0", [SERVICE, { pageSize: 0 }], "pageSize", "pageSize must be a whole number from 1 to 1000, got 0"],
  ["PageSize 1001", [SERVICE, { pageSize: 1001 }], "pageSize", "from 1 to 1000, got 1001"],
  ["PageSize 1.5", [SERVICE, { pageSize: 1.5 }], "pageSize", "got 1.5"],
  ["PageSize \"abc\"", [SERVICE, { pageSize: "abc" as never }], "pageSize", "got \"abc\""],
  ["Page -1", [SERVICE, { page: -1 }], "page", "page must be a whole number >= 0, got -1"],
  ["BindingType sms", [SERVICE, { bindingType: ["gcm", "sms" as never] }], "bindingType[1]", "got \"sms\""],
  ["Page 2 without a PageToken", [SERVICE, { page: 2 }], "page", "paged requests must include a PageToken"],
  ["a negative limit", [SERVICE, {}, { limit: -1 }], "limit", "limit must be a whole number from 0"],
  ["a fractional limit", [SERVICE, {}, { limit: 2.5 }], "limit", "got 2.5"],
  ["a huge prefetch", [SERVICE, {}, { prefetch: 1000 }], "prefetch", "from 0 to 64, got 1000"],
  ["a relative startAt", [SERVICE, {}, { startAt: "/v2/Services" }], "startAt", "must be an absolute page URL"],
  [
    "a startAt of another service",
    [SERVICE, {}, {
      startAt: "https://chat.twilio.com/v2/Services/IS00000000000000000000000000000000/Bindings?Page=1"
    }],
    "startAt",
    "must be a page URL of /v2/Services/IS0123456789abcdef0123456789abcdef/Bindings"
  ]
]

describe("Bindings input validation", () => {
  for (const [name, args, field, rule] of invalid) {
    it.effect(`rejects ${name} naming ${field}, before any request`, () =>
      Effect.gen(function*() {
        const { layer, requests } = yield* counting
        const error = yield* Bindings.stream(...args).pipe(Stream.runDrain, Effect.flip, Effect.provide(layer))
        assert.strictEqual(error._tag, "InvalidRequestError")
        assert.strictEqual(error._tag === "InvalidRequestError" && error.field, field)
        assert.include(error.message, rule)
        assert.strictEqual(yield* Ref.get(requests), 0)
      }))
  }

  it.effect("accepts valid input and sends exactly one request for a one-page listing", () =>
    Effect.gen(function*() {
      const { layer, requests } = yield* counting
      const count = yield* Bindings.stream(SERVICE, { bindingType: ["gcm"], pageSize: 20 }).pipe(
        Stream.runCount,
        Effect.provide(layer)
      )
      assert.strictEqual(count, 0)
      assert.strictEqual(yield* Ref.get(requests), 1)
    }))

  it.effect("limit 0 sends nothing", () =>
    Effect.gen(function*() {
      const { layer, requests } = yield* counting
      const all = yield* Bindings.list(SERVICE, {}, { limit: 0 }).pipe(Effect.provide(layer))
      assert.strictEqual(all.length, 0)
      assert.strictEqual(yield* Ref.get(requests), 0)
    }))
})
