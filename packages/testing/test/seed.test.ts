import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it, layer } from "@effect/vitest"
import { BindingPage } from "@twilio-bindings/domain"
import { Effect, Schema } from "effect"
import * as FakeTwilio from "../src/FakeTwilio.js"

const SERVICE = "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
const EMPTY_SERVICE = "ISbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
const ACCOUNT = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

// The seed's documented binding, verbatim (list-bindings.txt, "Response examples (200)").
const seedBinding = {
  sid: "BSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  url:
    "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Bindings/BSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  links: {
    user: "https://chat.twilio.com/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/TestUser"
  },
  endpoint: "TestUser-endpoint",
  identity: "TestUser",
  account_sid: "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  service_sid: "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  binding_type: "gcm" as const,
  date_created: "2016-10-21T11:37:03Z",
  date_updated: "2016-10-21T11:37:03Z",
  message_types: [
    "removed_from_channel",
    "new_message",
    "added_to_channel",
    "invited_to_channel"
  ],
  credential_sid: "CRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
}

const seedMeta = (service: string) => ({
  key: "bindings",
  url: `https://chat.twilio.com/v2/Services/${service}/Bindings?PageSize=50&Page=0`,
  page: 0,
  page_size: 50,
  next_page_url: null,
  first_page_url: `https://chat.twilio.com/v2/Services/${service}/Bindings?PageSize=50&Page=0`,
  previous_page_url: null
})

const getJson = (url: string) =>
  Effect.gen(function*() {
    const fake = yield* FakeTwilio.FakeTwilio
    const response = yield* HttpClient.execute(
      HttpClientRequest.get(url).pipe(HttpClientRequest.basicAuth(fake.accountSid, fake.authToken))
    )
    return { status: response.status, headers: response.headers, json: yield* response.json }
  })

layer(FakeTwilio.layer({
  accountSid: ACCOUNT,
  services: [{ serviceSid: SERVICE, bindings: [seedBinding] }, { serviceSid: EMPTY_SERVICE, bindings: [] }]
}))("the seed's documented requests", (it) => {
  it.effect("a listing of the documented service returns the documented page, field for field", () =>
    Effect.gen(function*() {
      const { json, status } = yield* getJson(`https://chat.twilio.com/v2/Services/${SERVICE}/Bindings`)
      assert.strictEqual(status, 200)
      assert.deepStrictEqual(json, { meta: seedMeta(SERVICE), bindings: [seedBinding] })
    }))

  it.effect("a listing of a service without bindings returns the documented empty page", () =>
    Effect.gen(function*() {
      const { json } = yield* getJson(`https://chat.twilio.com/v2/Services/${EMPTY_SERVICE}/Bindings`)
      assert.deepStrictEqual(json, { meta: seedMeta(EMPTY_SERVICE), bindings: [] })
    }))

  it.effect("the documented page decodes with the domain's BindingPage schema", () =>
    Effect.gen(function*() {
      const { json } = yield* getJson(`https://chat.twilio.com/v2/Services/${SERVICE}/Bindings`)
      const page = yield* Schema.decodeUnknown(BindingPage.BindingPage)(json)
      assert.strictEqual(page.bindings.length, 1)
      assert.strictEqual(page.meta.firstPageUrl, seedMeta(SERVICE).first_page_url)
    }))

  it.effect("the answer is JSON with Twilio's CORS headers", () =>
    Effect.gen(function*() {
      const { headers } = yield* getJson(`https://chat.twilio.com/v2/Services/${SERVICE}/Bindings`)
      assert.match(headers["content-type"] ?? "", /^application\/json/)
      assert.strictEqual(headers["access-control-allow-origin"], "*")
    }))
})

describe("meta URLs", () => {
  it.effect("carry the filters as repeated keys before PageSize and Page, percent-encoded", () =>
    Effect.gen(function*() {
      const { json } = yield* getJson(
        `https://chat.twilio.com/v2/Services/${SERVICE}/Bindings?BindingType=gcm&BindingType=apn&Identity=Test+User&PageSize=7`
      )
      assert.deepStrictEqual(
        (json as { meta: { first_page_url: string } }).meta.first_page_url,
        `https://chat.twilio.com/v2/Services/${SERVICE}/Bindings?BindingType=gcm&BindingType=apn&Identity=Test+User&PageSize=7&Page=0`
      )
    }).pipe(Effect.provide(FakeTwilio.layer({ services: [{ serviceSid: SERVICE, bindings: [seedBinding] }] }))))
})
