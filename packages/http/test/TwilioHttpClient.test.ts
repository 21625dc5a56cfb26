import { HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { FakeTwilio } from "@twilio-bindings/testing"
import {
  Context,
  Duration,
  Effect,
  Either,
  Exit,
  Fiber,
  Logger,
  LogLevel,
  Metric,
  Option,
  Random,
  Redacted,
  Ref,
  TestClock,
  Tracer
} from "effect"
import { TwilioConfig, TwilioError, TwilioHttpClient } from "../src/index.js"
import { ACCOUNT_SID, AUTH_TOKEN, ok, scripted, status, twilioOn } from "./fixtures/transport.js"

const PATH = "/v2/Services/IS0123456789abcdef0123456789abcdef/Bindings"

/** Jitter factor exactly 1 (Random.next = 0.5 maps to the middle of 0.8..1.2), so delays are exact. */
const withoutJitter = Effect.withRandom(Random.fixed([0.5]))

interface LogLine {
  readonly message: unknown
  readonly level: string
  readonly annotations: Record<string, unknown>
}

/** Runs `effect` with debug logging into an array, returned with the result. */
const withLogs = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const logs: Array<LogLine> = []
    const logger = Logger.make(({ annotations, logLevel, message }) => {
      logs.push({ message, level: logLevel.label, annotations: Object.fromEntries(annotations) })
    })
    const result = yield* effect.pipe(
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Logger.withMinimumLogLevel(LogLevel.Debug)
    )
    return [result, logs] as const
  })

const retryLines = (logs: ReadonlyArray<LogLine>) =>
  logs.filter((line) => JSON.stringify(line.message).includes("retrying Twilio request"))

/** Neither the token nor the Basic credentials in the error, its String, its JSON or a log line. */
const assertNoSecret = (error: Error, logs: ReadonlyArray<LogLine>) => {
  const basic = btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)
  for (const text of [error.message, String(error), JSON.stringify(error), ...logs.map((l) => JSON.stringify(l))]) {
    assert.notInclude(text, AUTH_TOKEN)
    assert.notInclude(text, basic)
  }
}

/** Runs `effect` with a tracer that records every span it starts. */
const withSpans = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const base = yield* Effect.tracer
    const spans: Array<Tracer.Span> = []
    const recording = Tracer.make({
      span: (...args) => {
        const span = base.span(...args)
        spans.push(span)
        return span
      },
      context: (f, fiber) => base.context(f, fiber)
    })
    const result = yield* effect.pipe(Effect.withTracer(recording))
    return [result, spans] as const
  })

/** Whether `target` is `value` or one of its properties, to a depth of 4 (a string by its content). */
const reaches = (value: unknown, target: unknown, depth = 4): boolean =>
  value === target ||
  (depth > 0 && typeof value === "object" && value !== null &&
    Object.values(value).some((inner) => reaches(inner, target, depth - 1)))

/** The getJson spans of `effect`, run to its end whether it succeeds or fails. */
const recordSpans = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(
    withSpans(Effect.either(effect)),
    ([, spans]) => spans.filter((s) => s.name === "TwilioHttpClient.getJson")
  )

const delaysOf = (sent: ReadonlyArray<{ readonly atMillis: number }>) =>
  sent.slice(1).map((s, i) => s.atMillis - sent[i]!.atMillis)

describe("TwilioHttpClient", () => {
  describe("requests", () => {
    it.effect("sends Basic auth, Accept JSON and the User-Agent to the configured origin", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()])
        yield* twilio.getJson(PATH)
        const [request] = yield* Ref.get(sent)
        assert.strictEqual(request?.url, `https://chat.twilio.com${PATH}`)
        assert.strictEqual(request?.headers["authorization"], `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`)
        assert.strictEqual(request?.headers["accept"], "application/json")
        assert.match(request?.headers["user-agent"] ?? "", /^twilio-bindings\/0\.1\.0 \(node v\d+/)
      }))

    it.effect("authenticates with an API key and its secret", () =>
      Effect.gen(function*() {
        const apiKey = "SK0123456789abcdef0123456789abcdef"
        const { sent, twilio } = yield* twilioOn([ok()], {
          authToken: undefined,
          apiKey,
          apiSecret: Redacted.make("key-secret")
        })
        yield* twilio.getJson(PATH)
        const [request] = yield* Ref.get(sent)
        assert.strictEqual(request?.headers["authorization"], `Basic ${btoa(`${apiKey}:key-secret`)}`)
      }))

    it.effect("encodes a secret beyond Latin-1 as UTF-8 in the Basic credentials", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()], { authToken: Redacted.make("clé-ü-✓") })
        yield* twilio.getJson(PATH)
        const [request] = yield* Ref.get(sent)
        const token = (request?.headers["authorization"] ?? "").replace(/^Basic /, "")
        assert.strictEqual(Buffer.from(token, "base64").toString("utf8"), `${ACCOUNT_SID}:clé-ü-✓`)
      }))

    it.effect("sends an absolute URL on the configured origin as it is", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()])
        const next = `https://chat.twilio.com${PATH}?PageSize=50&Page=1&PageToken=PT123`
        yield* twilio.getJson(next)
        assert.strictEqual((yield* Ref.get(sent))[0]?.url, next)
      }))

    it.effect("goes to the regional hostname and moves page URLs of the global host onto it", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()], { region: "au1", edge: "sydney" })
        yield* twilio.getJson(`https://chat.twilio.com${PATH}?Page=1&PageToken=PT1`)
        yield* twilio.getJson(PATH)
        const urls = (yield* Ref.get(sent)).map((s) => s.url)
        assert.deepStrictEqual(urls, [
          `https://chat.sydney.au1.twilio.com${PATH}?Page=1&PageToken=PT1`,
          `https://chat.sydney.au1.twilio.com${PATH}`
        ])
      }))

    it.effect("refuses a URL on a foreign origin without sending anything", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()])
        for (
          const url of [
            "https://evil.example.com/v2/x",
            "http://chat.twilio.com/v2/x",
            "https://user:pw@chat.twilio.com/x",
            "https://user:pw@[not-a-host/x"
          ]
        ) {
          const error = yield* Effect.flip(twilio.getJson(url))
          assert.strictEqual(error._tag, "ForeignUrlError")
          assert.include(error.message, "nothing was sent")
          assert.notInclude(error.message, "pw")
          assert.notInclude(error.message, "user")
        }
        assert.strictEqual((yield* Ref.get(sent)).length, 0)
      }))

    it.effect("says which URL it refused, without its userinfo, and which origin is allowed", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()])
        const refusal = (url: string) => Effect.map(Effect.flip(twilio.getJson(url)), (error) => error.message)
        const only = "only https://chat.twilio.com is allowed (nothing was sent)"
        assert.strictEqual(
          yield* refusal("https://evil.example.com/v2/x?a=1"),
          `refused to send credentials to https://evil.example.com/v2/x?a=1: ${only}`
        )
        assert.strictEqual(
          yield* refusal("https://user:pw@evil.example.com/x"),
          `refused to send credentials to https://evil.example.com/x: ${only}`
        )
        assert.strictEqual(
          yield* refusal("https://user:pw@[not-a-host/x"),
          `refused to send credentials to (not a URL): ${only}`
        )
        assert.strictEqual((yield* Ref.get(sent)).length, 0)
      }))

    it.effect("refuses a URL on the configured origin that carries a user name or a password alone", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()])
        for (const url of [`https://user@chat.twilio.com${PATH}`, `https://:pw@chat.twilio.com${PATH}`]) {
          const error = yield* Effect.flip(twilio.getJson(url))
          assert.strictEqual(
            error.message,
            `refused to send credentials to https://chat.twilio.com${PATH}: only https://chat.twilio.com is allowed (nothing was sent)`
          )
        }
        assert.strictEqual((yield* Ref.get(sent)).length, 0)
      }))

    it.effect("moves a global page URL onto the regional host by its parsed path, whatever its spelling", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()], { region: "au1", edge: "sydney" })
        // the URL parser drops a tab inside, and blanks around, a URL: the origin is found in the
        // parsed URL, so its length in the text tells nothing about where the path starts
        for (const url of [`https://chat.twil\tio.com${PATH}?Page=1`, ` https://chat.twilio.com${PATH}?Page=1`]) {
          const response = yield* twilio.getJson(url)
          assert.strictEqual(response.url, `https://chat.sydney.au1.twilio.com${PATH}?Page=1`)
        }
        assert.deepStrictEqual((yield* Ref.get(sent)).map((s) => s.url), [
          `https://chat.sydney.au1.twilio.com${PATH}?Page=1`,
          `https://chat.sydney.au1.twilio.com${PATH}?Page=1`
        ])
      }))

    it.effect("puts paths under a base URL that has a path, however many slashes end it", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()], { chatBaseUrl: "https://proxy.example.com/twilio//" })
        const response = yield* twilio.getJson(PATH)
        assert.strictEqual(response.url, `https://proxy.example.com/twilio${PATH}`)
        assert.strictEqual((yield* Ref.get(sent))[0]?.url, `https://proxy.example.com/twilio${PATH}`)
      }))

    it.effect("says a 200 body is not JSON, quoting its start", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([{ status: 200, body: `<html>${"x".repeat(100)}` }])
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(
          error.message,
          `the response of GET https://chat.twilio.com${PATH} is not valid at the body: expected JSON, got "<html>${
            "x".repeat(74)
          }…"`
        )
      }))

    it.effect("fails with a TwilioDecodeError when a 200 body is not JSON, without retrying", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([{ status: 200, body: "<html>oops" }])
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(error._tag, "TwilioDecodeError")
        assert.include(error.message, "expected JSON")
        assert.strictEqual((yield* Ref.get(sent)).length, 1)
      }))
  })

  describe("products", () => {
    const CONVERSATIONS_PATH = "/v1/Services/IS0123456789abcdef0123456789abcdef/Bindings"

    it.effect("sends each product's requests to its own host, paths and page URLs alike", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()])
        yield* twilio.getJson(CONVERSATIONS_PATH, "conversations")
        yield* twilio.getJson(`https://conversations.twilio.com${CONVERSATIONS_PATH}?PageToken=PT1`, "conversations")
        yield* twilio.getJson(PATH, "chat")
        yield* twilio.getJson(PATH)
        assert.deepStrictEqual((yield* Ref.get(sent)).map((s) => s.url), [
          `https://conversations.twilio.com${CONVERSATIONS_PATH}`,
          `https://conversations.twilio.com${CONVERSATIONS_PATH}?PageToken=PT1`,
          `https://chat.twilio.com${PATH}`,
          `https://chat.twilio.com${PATH}`
        ])
      }))

    it.effect("refuses a URL on the other product's host: each product's check is against its own origin", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()])
        const onChat = yield* Effect.flip(twilio.getJson(`https://conversations.twilio.com${CONVERSATIONS_PATH}`))
        assert.strictEqual(onChat._tag, "ForeignUrlError")
        assert.include(onChat.message, "https://chat.twilio.com")
        const onConversations = yield* Effect.flip(twilio.delete(`https://chat.twilio.com${PATH}/BS1`, "conversations"))
        assert.strictEqual(onConversations._tag, "ForeignUrlError")
        assert.include(onConversations.message, "https://conversations.twilio.com")
        assert.strictEqual((yield* Ref.get(sent)).length, 0)
      }))

    it.effect("moves Conversations page URLs of the global host onto the regional one", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()], { region: "ie1", edge: "dublin" })
        yield* twilio.getJson(`https://conversations.twilio.com${CONVERSATIONS_PATH}?PageToken=PT1`, "conversations")
        assert.deepStrictEqual((yield* Ref.get(sent)).map((s) => s.url), [
          `https://conversations.dublin.ie1.twilio.com${CONVERSATIONS_PATH}?PageToken=PT1`
        ])
      }))

    it.effect("takes each product's base URL from its own setting", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([ok()], {
          chatBaseUrl: "http://127.0.0.1:4010",
          conversationsBaseUrl: "http://127.0.0.1:4011"
        })
        yield* twilio.getJson(PATH)
        yield* twilio.getJson(CONVERSATIONS_PATH, "conversations")
        assert.deepStrictEqual((yield* Ref.get(sent)).map((s) => s.url), [
          `http://127.0.0.1:4010${PATH}`,
          `http://127.0.0.1:4011${CONVERSATIONS_PATH}`
        ])
      }))
  })

  describe("delete", () => {
    const noContent = { status: 204 }
    const ITEM = `${PATH}/BS0123456789abcdef0123456789abcdef`
    const notFound = status(404, {}, {
      code: 20404,
      message: `The requested resource ${ITEM} was not found`,
      more_info: "https://www.twilio.com/docs/errors/20404",
      status: 404
    })

    it.effect("sends an authenticated DELETE and reports a 204 as deleted", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([noContent])
        assert.strictEqual(yield* twilio.delete(ITEM), "deleted")
        const [request, ...rest] = yield* Ref.get(sent)
        assert.strictEqual(rest.length, 0)
        assert.strictEqual(request?.method, "DELETE")
        assert.strictEqual(request?.url, `https://chat.twilio.com${ITEM}`)
        assert.strictEqual(request?.headers["authorization"], `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`)
      }))

    it.effect("reports a 404 as already gone, not as a failure", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([notFound])
        assert.strictEqual(yield* twilio.delete(ITEM), "alreadyGone")
        assert.strictEqual((yield* Ref.get(sent)).length, 1)
      }))

    it.effect("retries like GET: a 503 then a 204 is deleted, a 503 then a 404 (the lost first answer) already gone", () =>
      Effect.gen(function*() {
        const first = yield* twilioOn([status(503), noContent])
        assert.strictEqual(yield* FakeTwilio.runOnTestClock(first.twilio.delete(ITEM)), "deleted")
        assert.deepStrictEqual((yield* Ref.get(first.sent)).map((s) => s.method), ["DELETE", "DELETE"])
        const lost = yield* twilioOn(["reset", notFound])
        assert.strictEqual(yield* FakeTwilio.runOnTestClock(lost.twilio.delete(ITEM)), "alreadyGone")
        assert.strictEqual((yield* Ref.get(lost.sent)).length, 2)
      }))

    it.effect("times out a hung DELETE and retries it", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn(["hang", noContent], { timeout: "5 seconds" })
        assert.strictEqual(yield* FakeTwilio.runOnTestClock(twilio.delete(ITEM)), "deleted")
        assert.strictEqual((yield* Ref.get(sent)).length, 2)
      }))

    it.effect("fails typed on other errors, without retrying a 401, and names the method of a transport failure", () =>
      Effect.gen(function*() {
        const unauthorized = yield* twilioOn([status(401)])
        const error = yield* Effect.flip(unauthorized.twilio.delete(ITEM))
        assert.strictEqual(error._tag === "TwilioApiError" && error.status, 401)
        assert.strictEqual((yield* Ref.get(unauthorized.sent)).length, 1)
        const reset = yield* twilioOn(["reset"], { maxRetries: 1 })
        const failed = yield* FakeTwilio.runOnTestClock(Effect.flip(reset.twilio.delete(ITEM)))
        assert.match(failed.message, /^DELETE https:\/\/chat\.twilio\.com\S+ got no answer/)
      }))

    it.effect("refuses a foreign URL or one with credentials without sending anything", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([noContent])
        for (const url of ["https://evil.example.com" + ITEM, "https://user:pw@chat.twilio.com" + ITEM]) {
          const error = yield* Effect.flip(twilio.delete(url))
          assert.strictEqual(error._tag, "ForeignUrlError")
        }
        assert.strictEqual((yield* Ref.get(sent)).length, 0)
      }))

    it.effect("wraps the request in a client span with the method DELETE", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([noContent])
        const [, spans] = yield* withSpans(twilio.delete(ITEM))
        const span = spans.find((s) => s.name === "TwilioHttpClient.delete")
        assert.strictEqual(span?.attributes.get("http.request.method"), "DELETE")
        assert.strictEqual(span?.attributes.get("url.path"), ITEM)
      }))
  })

  describe("service", () => {
    it("is found under a package-qualified key, which a program that forgot the layer names", () => {
      assert.throws(
        () => Context.unsafeGet(Context.empty(), TwilioHttpClient.TwilioHttpClient),
        /^Service not found: @twilio-bindings\/http\/TwilioHttpClient/
      )
    })
  })

  describe("tracing", () => {
    it.effect("wraps each request in a client span with the method, the path and the attempts", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([status(503), ok()])
        const [, spans] = yield* withSpans(FakeTwilio.runOnTestClock(twilio.getJson(`${PATH}?PageSize=5`)))
        const span = spans.find((s) => s.name === "TwilioHttpClient.getJson")
        assert.isDefined(span)
        assert.strictEqual(span?.kind, "client")
        assert.strictEqual(span?.attributes.get("http.request.method"), "GET")
        assert.strictEqual(span?.attributes.get("url.path"), PATH)
        assert.strictEqual(span?.attributes.get("twilio.attempts"), 2)
      }))

    it.effect("ends the span before the body is parsed: the span keeps no part of the parsed page", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([ok()])
        const [response, spans] = yield* withSpans(twilio.getJson(PATH))
        const span = spans.find((s) => s.name === "TwilioHttpClient.getJson")
        assert.strictEqual(span?.status._tag, "Ended")
        const exit = span?.status._tag === "Ended" ? span.status.exit : undefined
        assert.isTrue(exit !== undefined && Exit.isSuccess(exit))
        // what a span ended with stays reachable for a while: a page held there costs every later collection
        assert.isFalse(reaches(exit, response.body), "the span's exit holds the parsed body")
        assert.isTrue(reaches(exit, JSON.stringify(response.body)), "the span ends with the body's text")
      }))

    it.effect("records no stack trace on the span of a failed request", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([status(404)])
        const [, spans] = yield* withSpans(Effect.flip(twilio.getJson(PATH)))
        const span = spans.find((s) => s.name === "TwilioHttpClient.getJson")
        assert.strictEqual(span?.status._tag, "Ended")
        assert.isFalse(span?.attributes.has("code.stacktrace"))
      }))

    it.effect("puts no part of a refused text that is not a URL into the span: it may hold a secret", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([ok()])
        const [, spans] = yield* withSpans(Effect.flip(twilio.getJson("https://user:hunter2@[not-a-host/x")))
        const span = spans.find((s) => s.name === "TwilioHttpClient.getJson")
        assert.strictEqual(span?.attributes.get("url.path"), "(not a URL)")
      }))

    it.effect("names the path as the URL parser reads it, for a path, a page URL, a refused URL and an odd path", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([ok(), ok(), ok(), ok()])
        const spans = yield* recordSpans(Effect.all([
          Effect.either(twilio.getJson(`${PATH}/?PageSize=5#top`)),
          Effect.either(twilio.getJson(`https://chat.twilio.com${PATH}?PageToken=PT1`)),
          Effect.either(twilio.getJson(`https://elsewhere.example${PATH}/x`)),
          Effect.either(twilio.getJson("/v2/Services/./a b/../Bindings?x=1")),
          Effect.either(twilio.getJson("/v2/%7e/Bindings"))
        ]))
        assert.deepStrictEqual(spans.map((s) => s.attributes.get("url.path")), [
          `${PATH}/`,
          PATH,
          `${PATH}/x`,
          "/v2/Services/Bindings",
          "/v2/%7e/Bindings"
        ])
      }))

    it.effect("counts an attempt interrupted during its request in the span", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([status(503), "hang"])
        const spans = yield* recordSpans(Effect.gen(function*() {
          const fiber = yield* Effect.fork(withoutJitter(twilio.getJson(PATH)))
          // past the first retry's delay (500 ms by default), into the second request, which hangs
          yield* TestClock.adjust("3 seconds")
          yield* Fiber.interrupt(fiber)
        }))
        assert.strictEqual(spans[0]?.attributes.get("twilio.attempts"), 2)
      }))
  })

  describe("errors", () => {
    it.effect("maps Twilio's error body to a TwilioApiError", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([
          status(404, {}, {
            code: 20404,
            message: "The requested resource was not found",
            more_info: "https://www.twilio.com/docs/errors/20404",
            status: 404
          })
        ])
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.instanceOf(error, TwilioError.TwilioApiError)
        if (error._tag !== "TwilioApiError") return
        assert.strictEqual(error.status, 404)
        assert.strictEqual(error.code, 20404)
        assert.strictEqual(error.twilioMessage, "The requested resource was not found")
        assert.strictEqual(error.moreInfo, "https://www.twilio.com/docs/errors/20404")
        assert.strictEqual(error.attempts, 1)
        assert.include(error.message, "Twilio answered 404 (Twilio code 20404): The requested resource was not found")
      }))

    it.effect("keeps the status and an excerpt when the error body is not Twilio's JSON", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([{ status: 403, body: "<html><body>Forbidden by proxy</body></html>" }])
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(error._tag === "TwilioApiError" && error.status, 403)
        assert.include(error.message, "Forbidden by proxy")
      }))

    for (const code of [400, 401, 403, 404]) {
      it.effect(`does not retry a ${code}`, () =>
        Effect.gen(function*() {
          const { sent, twilio } = yield* twilioOn([status(code), ok()])
          const error = yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH)))
          assert.strictEqual(error._tag === "TwilioApiError" && error.status, code)
          assert.strictEqual((yield* Ref.get(sent)).length, 1)
        }))
    }

    it.effect("keeps a one-line excerpt of a body that is not Twilio's JSON", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([{
          status: 403,
          body: "\n  <html>\n\t<body>Forbidden   by proxy</body>\r\n</html>\n"
        }])
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(error.message, "Twilio answered 403: <html> <body>Forbidden by proxy</body> </html>")
      }))

    it.effect("cuts the excerpt after 200 characters, marking the cut", () =>
      Effect.gen(function*() {
        const twoHundred = "a".repeat(200)
        for (const [body, shown] of [[twoHundred, twoHundred], [`${twoHundred}b`, `${twoHundred}…`]] as const) {
          const { twilio } = yield* twilioOn([{ status: 403, body }])
          const error = yield* Effect.flip(twilio.getJson(PATH))
          assert.strictEqual(error._tag === "TwilioApiError" && error.twilioMessage, shown)
        }
      }))

    it.effect("says (empty body) for an error without a body or with one that cannot be read", () =>
      Effect.gen(function*() {
        for (const answer of [{ status: 403, body: "" }, { status: 403, brokenBody: new Error("terminated") }]) {
          const { twilio } = yield* twilioOn([answer])
          const error = yield* Effect.flip(twilio.getJson(PATH))
          assert.strictEqual(error.message, "Twilio answered 403: (empty body)")
        }
      }))

    it.effect("leaves the link out when Twilio's error body has no more_info", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([status(404, {}, { code: 20404, message: "Not found", status: 404 })])
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(error.message, "Twilio answered 404 (Twilio code 20404): Not found")
        assert.isFalse(error._tag === "TwilioApiError" && "moreInfo" in error)
      }))

    it.effect("describes a transport failure by its cause and the cause's cause, as Node nests them", () =>
      Effect.gen(function*() {
        const url = `https://chat.twilio.com${PATH}`
        const failures = [
          [
            new Error("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") }),
            undefined,
            "fetch failed: connect ECONNREFUSED 127.0.0.1:9"
          ],
          [new Error("socket hang up"), undefined, "socket hang up"],
          ["not an Error", "connection closed by peer", "connection closed by peer"],
          [undefined, undefined, "Transport"]
        ] as const
        for (const [cause, description, said] of failures) {
          const { twilio } = yield* twilioOn([{ requestError: "Transport", cause, description }], { maxRetries: 0 })
          const error = yield* Effect.flip(twilio.getJson(PATH))
          assert.strictEqual(error.message, `GET ${url} got no answer: ${said}`)
        }
      }))

    for (const reason of ["InvalidUrl", "Encode"] as const) {
      it.effect(`does not retry a request the platform could not build (${reason})`, () =>
        Effect.gen(function*() {
          const { sent, twilio } = yield* twilioOn([{ requestError: reason, description: "cannot build" }, ok()])
          const error = yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH)))
          assert.strictEqual(error._tag === "TwilioTransportError" && error.attempts, 1)
          assert.strictEqual((yield* Ref.get(sent)).length, 1)
        }))
    }

    it.effect("retries a body that breaks off, then says so", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([{ status: 200, brokenBody: new Error("terminated") }], {
          maxRetries: 1
        })
        const error = yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH)))
        assert.strictEqual(error._tag === "TwilioTransportError" && error.reason, "Body")
        assert.strictEqual(
          error.message,
          `GET https://chat.twilio.com${PATH} broke off while reading the response body: terminated (after 2 attempts)`
        )
        assert.strictEqual((yield* Ref.get(sent)).length, 2)
      }))

    it.effect("removes the Basic token whole even when the password is a piece of it", () =>
      Effect.gen(function*() {
        // a piece of the Basic token of any token for ACCOUNT_SID: removed first, the password
        // would cut the Basic token in two and leave the rest, which encodes the password
        const token = "Njc4OWFiY2Rl"
        assert.include(btoa(`${ACCOUNT_SID}:${token}`), token)
        const { twilio } = yield* twilioOn(["leaky-reset"], { authToken: Redacted.make(token), maxRetries: 0 })
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(
          error.message,
          `GET https://chat.twilio.com${PATH} got no answer: socket hang up (sent authorization: Basic ***, ${ACCOUNT_SID}:***)`
        )
      }))

    it.effect("removes a URL-encoded password whole", () =>
      Effect.gen(function*() {
        const token = "t0k%"
        const { twilio } = yield* twilioOn([{
          status: 403,
          echo: () => `log in at /x?token=${encodeURIComponent(token)}`
        }], {
          authToken: Redacted.make(token)
        })
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(error.message, "Twilio answered 403: log in at /x?token=***")
      }))

    it.effect("leaves messages whole under a config built by hand with an empty password", () =>
      Effect.gen(function*() {
        const checked = Either.getOrThrow(TwilioConfig.make({ accountSid: ACCOUNT_SID, authToken: Redacted.make("x") }))
        const { client } = yield* scripted([{ status: 403, body: "Forbidden" }])
        const twilio = yield* TwilioHttpClient.make({ ...checked, password: Redacted.make("") }).pipe(
          Effect.provideService(HttpClient.HttpClient, client)
        )
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(error.message, "Twilio answered 403: Forbidden")
      }))

    it.effect("never puts the auth token in an error, its String, or a log line", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn(["reset", status(503), status(401)], { maxRetries: 2 })
        const [error, logs] = yield* withLogs(FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH))))
        assert.isAbove(logs.length, 0)
        assertNoSecret(error, logs)
      }))

    const leaks = [
      ["a connection error", "leaky-reset", "TwilioTransportError"],
      ["a body that breaks off", "leaky-broken-body", "TwilioTransportError"],
      ["an error body", "leaky-error-body", "TwilioApiError"]
    ] as const
    for (const [what, answer, tag] of leaks) {
      it.effect(`removes the credentials from ${what} that repeats them`, () =>
        Effect.gen(function*() {
          const { sent, twilio } = yield* twilioOn([answer], { maxRetries: 1 })
          const [error, logs] = yield* withLogs(FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH))))
          assert.strictEqual(error._tag, tag)
          assert.strictEqual((yield* Ref.get(sent)).length, 2)
          assert.include(error.message, "***")
          assertNoSecret(error, logs)
        }))
    }

    it.effect("removes the credentials from a 200 body that is not JSON but repeats them", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([{ status: 200, body: `oops ${AUTH_TOKEN}` }])
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(error._tag, "TwilioDecodeError")
        assert.include(error.message, "oops ***")
        assert.notInclude(error.message, AUTH_TOKEN)
      }))
  })

  describe("retries", () => {
    it.effect("backs off exponentially and caps the delay", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([status(503)], {
          maxRetries: 5,
          retryBaseDelay: "1 second",
          retryMaxDelay: "5 seconds"
        })
        const error = yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH))).pipe(withoutJitter)
        assert.deepStrictEqual(delaysOf(yield* Ref.get(sent)), [1000, 2000, 4000, 5000, 5000])
        assert.strictEqual(error._tag === "TwilioApiError" && error.attempts, 6)
      }))

    for (const [random, factor] of [[0.99, 1.196], [0.01, 0.804]] as const) {
      it.effect(`caps the delay after the jitter (factor ${factor})`, () =>
        Effect.gen(function*() {
          const { sent, twilio } = yield* twilioOn([status(503)], {
            maxRetries: 5,
            retryBaseDelay: "1 second",
            retryMaxDelay: "5 seconds"
          })
          yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH))).pipe(
            Effect.withRandom(Random.fixed([random]))
          )
          const expected = [1, 2, 4, 8, 16].map((n) => Math.min(5000, Math.ceil(n * 1000 * factor)))
          assert.deepStrictEqual(delaysOf(yield* Ref.get(sent)), expected)
        }))
    }

    it.effect("jitters each delay within 0.8x to 1.2x of the backoff", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([status(500)], { maxRetries: 4, retryBaseDelay: "1 second" })
        yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH)))
        const delays = delaysOf(yield* Ref.get(sent))
        assert.strictEqual(delays.length, 4)
        delays.forEach((delay, i) => {
          assert.isAtLeast(delay, 800 * 2 ** i)
          assert.isAtMost(delay, 1200 * 2 ** i)
        })
      }))

    it.effect("waits exactly Retry-After seconds", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([status(429, { "retry-after": "7" }), ok({ done: true })])
        const fiber = yield* Effect.fork(twilio.getJson(PATH))
        yield* TestClock.adjust("6999 millis")
        assert.strictEqual((yield* Ref.get(sent)).length, 1)
        yield* TestClock.adjust("1 millis")
        const response = yield* Fiber.join(fiber)
        assert.deepStrictEqual(response.body, { done: true })
        assert.deepStrictEqual(delaysOf(yield* Ref.get(sent)), [7000])
      }))

    it.effect("fails at once when Retry-After asks for longer than retryMaxDelay, instead of waiting that long", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([status(429, { "retry-after": "86400" }), ok()], {
          retryMaxDelay: "20 seconds"
        })
        const error = yield* Effect.flip(twilio.getJson(PATH))
        assert.strictEqual(error._tag === "TwilioApiError" && error.status, 429)
        assert.strictEqual(error._tag === "TwilioApiError" && error.attempts, 1)
        assert.strictEqual((yield* Ref.get(sent)).length, 1)
        const exactly = yield* twilioOn([status(429, { "retry-after": "20" }), ok()], { retryMaxDelay: "20 seconds" })
        yield* FakeTwilio.runOnTestClock(exactly.twilio.getJson(PATH))
        assert.deepStrictEqual(delaysOf(yield* Ref.get(exactly.sent)), [20_000])
      }))

    it.effect("honours a Retry-After given as an HTTP date", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(Date.UTC(2026, 10, 26, 12, 0, 0))
        const retryAt = new Date(Date.UTC(2026, 10, 26, 12, 0, 12)).toUTCString()
        const { sent, twilio } = yield* twilioOn([status(503, { "retry-after": retryAt }), ok()])
        yield* FakeTwilio.runOnTestClock(twilio.getJson(PATH))
        assert.deepStrictEqual(delaysOf(yield* Ref.get(sent)), [12_000])
      }))

    it.effect("retries 408, 429, 500, 502, 503, 504 and connection resets, then succeeds", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn(
          [status(408), status(429), status(500), status(502), status(503), status(504), "reset", ok({ n: 1 })],
          { maxRetries: 7 }
        )
        const response = yield* FakeTwilio.runOnTestClock(twilio.getJson(PATH))
        assert.deepStrictEqual(response.body, { n: 1 })
        assert.strictEqual((yield* Ref.get(sent)).length, 8)
      }))

    it.effect("after maxRetries fails with the last error, typed, counting the attempts", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([status(503), status(503), "reset"], { maxRetries: 2 })
        const error = yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH)))
        assert.instanceOf(error, TwilioError.TwilioTransportError)
        assert.strictEqual(error._tag === "TwilioTransportError" && error.reason, "Transport")
        assert.strictEqual(error._tag === "TwilioTransportError" && error.attempts, 3)
        assert.include(error.message, "socket hang up")
        // a reset comes after the connection was made: the message must not claim it never was
        assert.match(error.message, /^GET \S+ got no answer: socket hang up/)
        assert.strictEqual((yield* Ref.get(sent)).length, 3)
      }))

    it.effect("times out a hung attempt and retries it", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn(["hang", ok({ second: true })], {
          timeout: "5 seconds",
          retryBaseDelay: "1 second"
        })
        const fiber = yield* Effect.fork(twilio.getJson(PATH).pipe(withoutJitter))
        yield* TestClock.adjust("5 seconds")
        assert.strictEqual((yield* Ref.get(sent)).length, 1)
        yield* TestClock.adjust("1 second")
        const response = yield* Fiber.join(fiber)
        assert.deepStrictEqual(response.body, { second: true })
        assert.deepStrictEqual(delaysOf(yield* Ref.get(sent)), [6000])
      }))

    it.effect("fails with a Timeout error when every attempt hangs", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn(["hang"], { timeout: "2 seconds", maxRetries: 1 })
        const error = yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH)))
        assert.strictEqual(error._tag === "TwilioTransportError" && error.reason, "Timeout")
        assert.include(error.message, "timed out")
        assert.include(error.message, "2 attempts")
      }))

    it.effect("says how long it waited for an answer that never came", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn(["hang"], { timeout: "2 seconds", maxRetries: 1 })
        const error = yield* FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH)))
        assert.strictEqual(
          error.message,
          `GET https://chat.twilio.com${PATH} timed out: no response within 2s (after 2 attempts)`
        )
      }))

    it.effect("logs what failed before each retry: a timeout, a transport failure, a body that broke off", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([
          "hang",
          "reset",
          { status: 200, brokenBody: new Error("terminated") },
          ok()
        ], {
          timeout: "1 second",
          maxRetries: 3
        })
        const [, logs] = yield* withLogs(FakeTwilio.runOnTestClock(twilio.getJson(PATH)))
        assert.deepStrictEqual(retryLines(logs).map((line) => line.annotations["failure"]), [
          "timeout",
          "RequestError/Transport",
          "ResponseError/Decode"
        ])
      }))

    for (const header of ["soon", "7 seconds", "x7"]) {
      it.effect(`backs off as usual when Retry-After is unreadable (${header})`, () =>
        Effect.gen(function*() {
          const { sent, twilio } = yield* twilioOn([status(503, { "retry-after": header }), ok()], {
            retryBaseDelay: "1 second"
          })
          yield* FakeTwilio.runOnTestClock(twilio.getJson(PATH)).pipe(withoutJitter)
          assert.deepStrictEqual(delaysOf(yield* Ref.get(sent)), [1000])
        }))
    }

    it.effect("with maxRetries 0 makes a single attempt", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([status(503), ok()], { maxRetries: 0 })
        const result = yield* FakeTwilio.runOnTestClock(Effect.either(twilio.getJson(PATH)))
        assert.isTrue(Either.isLeft(result))
        assert.strictEqual((yield* Ref.get(sent)).length, 1)
      }))

    it.effect("logs each retry at debug level with the status, the failed attempt and the delay", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([status(429, { "retry-after": "3" }), ok()])
        const [, logs] = yield* withLogs(FakeTwilio.runOnTestClock(twilio.getJson(PATH)))
        assert.deepStrictEqual(logs, [{
          message: ["retrying Twilio request"],
          level: "DEBUG",
          annotations: { failure: 429, attempt: 1, delay: Duration.format(Duration.seconds(3)) }
        }])
      }))

    for (const code of [401, 404]) {
      it.effect(`logs no retry for a ${code}: one request, one attempt`, () =>
        Effect.gen(function*() {
          const { sent, twilio } = yield* twilioOn([status(code), ok()])
          const before = (yield* Metric.value(TwilioHttpClient.retries)).count
          const [error, logs] = yield* withLogs(FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH))))
          assert.strictEqual((yield* Metric.value(TwilioHttpClient.retries)).count, before)
          assert.deepStrictEqual(retryLines(logs), [])
          assert.strictEqual((yield* Ref.get(sent)).length, 1)
          assert.strictEqual(error._tag === "TwilioApiError" && error.attempts, 1)
        }))
    }

    it.effect("with maxRetries 2, a 503 each time: 3 requests, 2 retries logged and counted, 3 attempts reported", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([status(503)], { maxRetries: 2 })
        const before = (yield* Metric.value(TwilioHttpClient.retries)).count
        const [error, logs] = yield* withLogs(FakeTwilio.runOnTestClock(Effect.flip(twilio.getJson(PATH))))
        assert.strictEqual((yield* Metric.value(TwilioHttpClient.retries)).count - before, 2)
        assert.strictEqual((yield* Ref.get(sent)).length, 3)
        assert.deepStrictEqual(retryLines(logs).map((line) => line.annotations["attempt"]), [1, 2])
        assert.strictEqual(error._tag === "TwilioApiError" && error.attempts, 3)
        assert.include(error.message, "(after 3 attempts)")
      }))

    it.effect("exports the retries as the counter twilio_http_retries, described, which only grows", () =>
      Effect.gen(function*() {
        const { twilio } = yield* twilioOn([status(503), ok()])
        yield* FakeTwilio.runOnTestClock(twilio.getJson(PATH))
        const exported = (yield* Metric.snapshot).filter((pair) => pair.metricKey.name === "twilio_http_retries")
        assert.deepStrictEqual(exported.map((pair) => pair.metricKey.description), [
          Option.some("Twilio requests sent again after a retryable failure")
        ])
        const before = (yield* Metric.value(TwilioHttpClient.retries)).count
        assert.isAbove(before, 0)
        yield* Metric.incrementBy(TwilioHttpClient.retries, -1)
        assert.strictEqual((yield* Metric.value(TwilioHttpClient.retries)).count, before)
      }))

    it.effect("interrupting the delay before a retry: the retry was never sent, so it is not counted", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn([status(503), ok()], { retryBaseDelay: "10 seconds" })
        const before = (yield* Metric.value(TwilioHttpClient.retries)).count
        const fiber = yield* Effect.fork(twilio.getJson(PATH).pipe(withoutJitter))
        yield* TestClock.adjust("5 seconds")
        yield* Fiber.interrupt(fiber)
        yield* TestClock.adjust("10 minutes")
        assert.strictEqual((yield* Ref.get(sent)).length, 1)
        assert.strictEqual((yield* Metric.value(TwilioHttpClient.retries)).count, before)
      }))

    it.effect("interrupting a request in flight is no retry: nothing logged, nothing sent again", () =>
      Effect.gen(function*() {
        const { sent, twilio } = yield* twilioOn(["hang"], { timeout: "1 minute" })
        const [, logs] = yield* withLogs(Effect.gen(function*() {
          const fiber = yield* Effect.fork(twilio.getJson(PATH))
          yield* TestClock.adjust("10 seconds")
          yield* Fiber.interrupt(fiber)
          yield* TestClock.adjust("10 minutes")
        }))
        assert.deepStrictEqual(retryLines(logs), [])
        assert.strictEqual((yield* Ref.get(sent)).length, 1)
      }))
  })
})
