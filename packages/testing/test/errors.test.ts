import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, layer } from "@effect/vitest"
import { TwilioErrorBody } from "@twilio-bindings/domain"
import { Effect, Redacted, Schema } from "effect"
import * as FakeTwilio from "../src/FakeTwilio.js"
import { get } from "./utils.js"

const API_KEY = { sid: "SK0123456789abcdef0123456789abcdef", secret: "key-secret" }

/** The body has exactly Twilio's four keys, `more_info` names the code, and it decodes with the domain schema. */
const assertTwilioError = (json: unknown, status: number, code: number) =>
  Effect.gen(function*() {
    assert.deepStrictEqual(Object.keys(json as object).sort(), ["code", "message", "more_info", "status"])
    const body = yield* Schema.decodeUnknown(TwilioErrorBody.TwilioErrorBody)(json)
    assert.strictEqual(body.status, status)
    assert.strictEqual(body.code, code)
    assert.strictEqual(body.moreInfo, `https://www.twilio.com/docs/errors/${code}`)
    assert.isTrue(body.message.length > 0)
    return body
  })

const bindingsUrl = (fake: FakeTwilio.FakeTwilio.Service, query = "") =>
  `${fake.origin}/v2/Services/${fake.serviceSid}/Bindings${query}`

layer(FakeTwilio.layer({ apiKey: API_KEY, services: [{ seed: 5, count: 30 }] }))("errors", (it) => {
  it.effect("a wrong auth token is answered 401 with code 20003 Authenticate", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const { json, status } = yield* get(bindingsUrl(fake), [fake.accountSid, "not-the-token"])
      assert.strictEqual(status, 401)
      const body = yield* assertTwilioError(json, 401, 20003)
      assert.strictEqual(body.message, "Authenticate")
    }))

  it.effect("a request without credentials is answered 401", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const { json, status } = yield* get(bindingsUrl(fake), "none")
      assert.strictEqual(status, 401)
      yield* assertTwilioError(json, 401, 20003)
    }))

  it.effect("an API key and its secret are accepted as credentials", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const { status } = yield* get(bindingsUrl(fake), [API_KEY.sid, API_KEY.secret])
      assert.strictEqual(status, 200)
    }))

  it.effect("an API key with the account's auth token is refused", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const { status } = yield* get(bindingsUrl(fake), [API_KEY.sid, Redacted.value(fake.authToken)])
      assert.strictEqual(status, 401)
    }))

  it.effect("an unknown service is answered 404 with code 20404 naming the resource", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const unknown = "IS00000000000000000000000000000000"
      const { json, status } = yield* get(`${fake.origin}/v2/Services/${unknown}/Bindings`)
      assert.strictEqual(status, 404)
      const body = yield* assertTwilioError(json, 404, 20404)
      assert.strictEqual(body.message, `The requested resource /Services/${unknown}/Bindings was not found`)
    }))

  it.effect("a malformed service SID is answered 404", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const { json, status } = yield* get(`${fake.origin}/v2/Services/not-a-sid/Bindings`)
      assert.strictEqual(status, 404)
      yield* assertTwilioError(json, 404, 20404)
    }))

  /** The listing with this query is refused with `status` and Twilio's `code`; the error body. */
  const refused = (query: string, status: number, code: number) =>
    Effect.gen(function*() {
      const answer = yield* get(bindingsUrl(yield* FakeTwilio.FakeTwilio, query))
      assert.strictEqual(answer.status, status)
      return yield* assertTwilioError(answer.json, status, code)
    })

  for (const pageSize of ["0", "1001", "abc", "2.5", "-1", ""]) {
    it.effect(`PageSize=${pageSize} is answered 400 with code 20001`, () =>
      refused(`?PageSize=${pageSize}`, 400, 20001))
  }

  it.effect("PageSize=1000 is accepted", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const { status } = yield* get(bindingsUrl(fake, "?PageSize=1000"))
      assert.strictEqual(status, 200)
    }))

  it.effect("an unknown BindingType is answered 400 with code 20001", () =>
    Effect.gen(function*() {
      const body = yield* refused("?BindingType=gcm&BindingType=sms", 400, 20001)
      assert.match(body.message, /^Invalid BindingType/)
    }))

  it.effect("Page > 0 without a PageToken is answered 400 with code 70002", () =>
    Effect.gen(function*() {
      const body = yield* refused("?PageSize=5&Page=1", 400, 70002)
      assert.strictEqual(body.message, "Paged requests must include a PageToken")
    }))

  for (const token of ["garbage", "PAgarbage", "PA", "PB" + Buffer.from("position=-1").toString("base64url")]) {
    it.effect(`PageToken=${token} is answered 400`, () => refused(`?PageSize=5&Page=1&PageToken=${token}`, 400, 20001))
  }

  it.effect("a page token past the end of the store is answered 400", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const token = "PA" + Buffer.from("position=31").toString("base64url")
      const { status } = yield* get(bindingsUrl(fake, `?Page=1&PageToken=${token}`))
      assert.strictEqual(status, 400)
    }))

  it.effect("an unknown route is answered 404 with a Twilio body", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const { json, status } = yield* get(`${fake.origin}/v2/Services/${fake.serviceSid}/Users`)
      assert.strictEqual(status, 404)
      yield* assertTwilioError(json, 404, 20404)
    }))

  it.effect("a POST to the Bindings list is answered 405 with a Twilio body", () =>
    Effect.gen(function*() {
      const fake = yield* FakeTwilio.FakeTwilio
      const response = yield* HttpClient.execute(
        HttpClientRequest.post(bindingsUrl(fake)).pipe(
          HttpClientRequest.basicAuth(fake.accountSid, fake.authToken)
        )
      )
      assert.strictEqual(response.status, 405)
      yield* assertTwilioError(yield* response.json, 405, 20004)
    }))
})
