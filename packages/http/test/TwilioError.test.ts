import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { TwilioError } from "../src/index.js"

const URL = "https://chat.twilio.com/v2/Services/IS0123456789abcdef0123456789abcdef/Bindings"

describe("TwilioError", () => {
  describe("TwilioApiError", () => {
    it("says the status, Twilio's code, its message and where to read more", () => {
      const error = new TwilioError.TwilioApiError({
        status: 404,
        code: 20404,
        twilioMessage: "The requested resource was not found",
        moreInfo: "https://www.twilio.com/docs/errors/20404",
        url: URL,
        attempts: 1
      })
      assert.strictEqual(
        error.message,
        "Twilio answered 404 (Twilio code 20404): The requested resource was not found — see https://www.twilio.com/docs/errors/20404"
      )
    })

    it("leaves out the code and the link when the body had none, and counts attempts only past the first", () => {
      const once = new TwilioError.TwilioApiError({ status: 502, twilioMessage: "Bad gateway", url: URL, attempts: 1 })
      assert.strictEqual(once.message, "Twilio answered 502: Bad gateway")
      const thrice = new TwilioError.TwilioApiError({
        status: 502,
        twilioMessage: "Bad gateway",
        url: URL,
        attempts: 3
      })
      assert.strictEqual(thrice.message, "Twilio answered 502: Bad gateway (after 3 attempts)")
    })

    it("is retryable for 408, 429 and the passing 5xx statuses only", () => {
      const retryable = (status: number) =>
        new TwilioError.TwilioApiError({ status, twilioMessage: "x", url: URL, attempts: 1 }).isRetryable
      assert.deepStrictEqual([408, 429, 500, 502, 503, 504].map(retryable), [true, true, true, true, true, true])
      assert.deepStrictEqual([400, 401, 403, 404, 409, 501, 505].map(retryable), [
        false,
        false,
        false,
        false,
        false,
        false,
        false
      ])
    })
  })

  describe("TwilioTransportError", () => {
    const transport = (reason: typeof TwilioError.TransportFailure.Type, attempts = 1) =>
      new TwilioError.TwilioTransportError({ reason, description: "what happened", url: URL, attempts }).message

    it("says what went wrong for each reason", () => {
      assert.strictEqual(transport("Timeout"), `GET ${URL} timed out: what happened`)
      assert.strictEqual(transport("Body"), `GET ${URL} broke off while reading the response body: what happened`)
      assert.strictEqual(transport("Transport", 4), `GET ${URL} got no answer: what happened (after 4 attempts)`)
    })
  })

  describe("TwilioDecodeError", () => {
    it("names the path in wire names, or the body as a whole", () => {
      const Page = Schema.Struct({ bindings: Schema.Array(Schema.Struct({ account_sid: Schema.String })) })
      const parse = Schema.decodeUnknownEither(Page)({ bindings: [{ account_sid: "AC1" }, { account_sid: 7 }] })
      assert.isTrue(parse._tag === "Left")
      if (parse._tag !== "Left") return
      assert.strictEqual(
        TwilioError.decodeErrorFromParseError(URL, parse.left).message,
        `the response of GET ${URL} is not valid at bindings[1].account_sid: Expected string, actual 7`
      )
      const whole = Schema.decodeUnknownEither(Page)("a string")
      assert.isTrue(whole._tag === "Left")
      if (whole._tag !== "Left") return
      assert.strictEqual(
        TwilioError.decodeErrorFromParseError(URL, whole.left).message,
        `the response of GET ${URL} is not valid at the body: Expected { readonly bindings: ReadonlyArray<{ readonly account_sid: string }> }, actual "a string"`
      )
    })
  })

  describe("ForeignUrlError", () => {
    it("names the refused URL and the allowed origin", () => {
      const error = new TwilioError.ForeignUrlError({
        url: "https://evil.example.com/v2/x",
        allowedOrigin: "https://chat.twilio.com"
      })
      assert.strictEqual(
        error.message,
        "refused to send credentials to https://evil.example.com/v2/x: only https://chat.twilio.com is allowed (nothing was sent)"
      )
    })
  })

  describe("formatValue", () => {
    it("quotes a string and shows anything else as String does", () => {
      assert.deepStrictEqual(
        [TwilioError.formatValue("5"), TwilioError.formatValue(5), TwilioError.formatValue(undefined)],
        ["\"5\"", "5", "undefined"]
      )
      assert.strictEqual(TwilioError.formatValue(null), "null")
    })

    it("echoes a string of 100 characters whole and cuts a longer one to 100", () => {
      const hundred = "y".repeat(100)
      assert.strictEqual(TwilioError.formatValue(hundred), JSON.stringify(hundred))
      assert.strictEqual(TwilioError.formatValue(`${hundred}z`), JSON.stringify(`${"y".repeat(99)}…`))
    })
  })
})
