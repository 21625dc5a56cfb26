import { HttpClient, HttpClientResponse, UrlParams } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { TwilioHttpClient } from "@twilio-bindings/http"
import { Effect, Either, Layer, Redacted, Ref, Stream } from "effect"
import { Bindings } from "../src/index.js"

const SERVICE = "IS0123456789abcdef0123456789abcdef"
const PAGE = `/v2/Services/${SERVICE}/Bindings?PageSize=50&Page=1&PageToken=PT1`

/** A transport that counts requests (and keeps their URLs) and answers each with an empty last page. */
const counting = Effect.gen(function*() {
  const requests = yield* Ref.make(0)
  const urls = yield* Ref.make<ReadonlyArray<string>>([])
  const client = HttpClient.make((request) =>
    Effect.as(
      Effect.zipRight(
        Ref.update(requests, (n) => n + 1),
        Ref.update(urls, (all) => [
          ...all,
          UrlParams.makeUrl(request.url, request.urlParams, request.hash).pipe(
            Either.map((url) => url.href),
            Either.getOrElse(() => request.url)
          )
        ])
      ),
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
    Layer.provide(
      TwilioHttpClient.layer({ accountSid: "AC0123456789abcdef0123456789abcdef", authToken: Redacted.make("t") })
    ),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )
  return { requests, urls, layer }
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
  [
    "Page 1 without a PageToken",
    [SERVICE, { page: 1 }],
    "page",
    "invalid page: must be 0 without a pageToken (paged requests must include a PageToken, from a next_page_url), got 1"
  ],
  [
    "a negative limit",
    [SERVICE, {}, { limit: -1 }],
    "limit",
    "invalid limit: must be a whole number from 0 to 9007199254740991, got -1"
  ],
  ["a fractional limit", [SERVICE, {}, { limit: 2.5 }], "limit", "got 2.5"],
  ["a limit given as a string", [SERVICE, {}, { limit: "5" as never }], "limit", "got \"5\""],
  [
    "a huge prefetch",
    [SERVICE, {}, { prefetch: 1000 }],
    "prefetch",
    "invalid prefetch: must be a whole number from 0 to 64, got 1000"
  ],
  ["a relative startAt", [SERVICE, {}, { startAt: "/v2/Services" }], "startAt", "must be an absolute page URL"],
  [
    "a startAt of another service",
    [SERVICE, {}, {
      startAt: "https://chat.twilio.com/v2/Services/IS00000000000000000000000000000000/Bindings?Page=1"
    }],
    "startAt",
    "must be a page URL of /v2/Services/IS0123456789abcdef0123456789abcdef/Bindings"
  ],
  [
    "a startAt on another origin",
    [SERVICE, {}, { startAt: `https://evil.example${PAGE}` }],
    "startAt",
    "invalid startAt: must be on https://chat.twilio.com, got \"https://evil.example\""
  ],
  [
    "a startAt over http",
    [SERVICE, {}, { startAt: `http://chat.twilio.com${PAGE}` }],
    "startAt",
    "must be on https://chat.twilio.com, got \"http://chat.twilio.com\""
  ],
  [
    "a startAt with credentials",
    [SERVICE, {}, { startAt: `https://user:hunter2@chat.twilio.com${PAGE}` }],
    "startAt",
    "invalid startAt: must not carry a user name or password"
  ],
  [
    "a startAt with credentials on another origin",
    [SERVICE, {}, { startAt: `http://user:hunter2@evil.example${PAGE}` }],
    "startAt",
    "invalid startAt: must not carry a user name or password"
  ],
  [
    "a startAt with only a user name",
    [SERVICE, {}, { startAt: `https://user@chat.twilio.com${PAGE}` }],
    "startAt",
    "invalid startAt: must not carry a user name or password"
  ],
  [
    "a startAt with only a password",
    [SERVICE, {}, { startAt: `https://:hunter2@chat.twilio.com${PAGE}` }],
    "startAt",
    "invalid startAt: must not carry a user name or password"
  ],
  ["params that are not an object", [SERVICE, "gcm" as never], "params", "Expected"],
  [
    "a startAt with filters",
    [SERVICE, { bindingType: ["apn"], identity: ["alice"] }, { startAt: `https://chat.twilio.com${PAGE}` }],
    "startAt",
    "invalid startAt: cannot be combined with bindingType, identity: the page URL carries the listing's own filters and page size"
  ],
  [
    "a startAt with a page size",
    [SERVICE, { pageSize: 20 }, { startAt: `https://chat.twilio.com${PAGE}` }],
    "startAt",
    "cannot be combined with pageSize"
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
        assert.notInclude(error.message, "hunter2")
        assert.notInclude(error.message, "user:")
        assert.strictEqual(yield* Ref.get(requests), 0)
      }))
  }

  it.effect("echoes at most 100 characters of a startAt's long host or path", () =>
    Effect.gen(function*() {
      const { layer } = yield* counting
      const long = "x".repeat(10_000)
      for (const startAt of [`https://${long}.com${PAGE}`, `https://chat.twilio.com/${long}`]) {
        const error = yield* Bindings.list(SERVICE, {}, { startAt }).pipe(Effect.flip, Effect.provide(layer))
        assert.include(error.message, `${"x".repeat(90)}…"`)
        assert.isBelow(error.message.length, 250)
      }
    }))

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

  it.effect("resumes at a page URL of the service, with no params, sending it verbatim", () =>
    Effect.gen(function*() {
      const { layer, urls } = yield* counting
      yield* Bindings.list(SERVICE, {}, { startAt: `https://chat.twilio.com${PAGE}` }).pipe(Effect.provide(layer))
      assert.deepStrictEqual(yield* Ref.get(urls), [`https://chat.twilio.com${PAGE}`])
    }))

  it.effect("encodes repeated query keys and awkward identities", () =>
    Effect.gen(function*() {
      const { layer, urls } = yield* counting
      yield* Bindings.list(SERVICE, { bindingType: ["gcm", "apn"], identity: ["a b&c=d+e/f?g", "zoë"] }).pipe(
        Effect.provide(layer)
      )
      const [sent] = yield* Ref.get(urls)
      const url = new URL(sent!)
      assert.strictEqual(url.pathname, `/v2/Services/${SERVICE}/Bindings`)
      assert.deepStrictEqual(url.searchParams.getAll("BindingType"), ["gcm", "apn"])
      assert.deepStrictEqual(url.searchParams.getAll("Identity"), ["a b&c=d+e/f?g", "zoë"])
    }))

  it.effect("sends a listing without params as the bare path, with no query", () =>
    Effect.gen(function*() {
      const { layer, urls } = yield* counting
      yield* Bindings.list(SERVICE).pipe(Effect.provide(layer))
      assert.deepStrictEqual(yield* Ref.get(urls), [`https://chat.twilio.com/v2/Services/${SERVICE}/Bindings`])
    }))

  it.effect("accepts Page 0 without a PageToken, and Page 2 with one", () =>
    Effect.gen(function*() {
      const { layer, urls } = yield* counting
      yield* Bindings.list(SERVICE, { page: 0 }).pipe(Effect.provide(layer))
      yield* Bindings.list(SERVICE, { page: 2, pageToken: "PT2" }).pipe(Effect.provide(layer))
      const [first, second] = (yield* Ref.get(urls)).map((url) => new URL(url).searchParams)
      assert.strictEqual(first?.get("Page"), "0")
      assert.strictEqual(second?.get("Page"), "2")
      assert.strictEqual(second?.get("PageToken"), "PT2")
    }))

  it.effect("accepts the largest limit, Number.MAX_SAFE_INTEGER", () =>
    Effect.gen(function*() {
      const { layer, requests } = yield* counting
      yield* Bindings.list(SERVICE, {}, { limit: Number.MAX_SAFE_INTEGER }).pipe(Effect.provide(layer))
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
