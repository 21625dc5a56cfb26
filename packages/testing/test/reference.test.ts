import { assert, it, layer } from "@effect/vitest"
import { BindingPage } from "@twilio-bindings/domain"
import { Effect, Schema } from "effect"
import * as FakeTwilio from "../src/FakeTwilio.js"
// The List Binding reference's response examples, kept once, beside the domain schemas they document.
import {
  seedBinding as documentedBinding,
  seedEmptyPage as documentedEmptyPage,
  seedPageWithOneBinding as documentedPage
} from "../../domain/test/fixtures/seed.js"
import { get } from "./utils.js"

const SERVICE = documentedBinding.service_sid
const ACCOUNT = documentedBinding.account_sid
const bindingsUrl = `https://chat.twilio.com/v2/Services/${SERVICE}/Bindings`

const documented = (bindings: ReadonlyArray<typeof documentedBinding>) =>
  FakeTwilio.layer({ accountSid: ACCOUNT, services: [{ serviceSid: SERVICE, bindings }] })

layer(documented([documentedBinding]))("the reference's documented requests", (it) => {
  it.effect("a listing of the documented service returns the documented page, field for field", () =>
    Effect.gen(function*() {
      const { json, status } = yield* get(bindingsUrl)
      assert.strictEqual(status, 200)
      assert.deepStrictEqual(json, documentedPage)
    }))

  it.effect("the documented page decodes with the domain's BindingPage schema", () =>
    Effect.gen(function*() {
      const { json } = yield* get(bindingsUrl)
      const page = yield* Schema.decodeUnknown(BindingPage.BindingPage)(json)
      assert.strictEqual(page.bindings.length, 1)
      assert.strictEqual(page.meta.firstPageUrl, documentedPage.meta.first_page_url)
    }))

  it.effect("the answer is JSON with Twilio's CORS headers", () =>
    Effect.gen(function*() {
      const { headers } = yield* get(bindingsUrl)
      assert.match(headers["content-type"] ?? "", /^application\/json/)
      assert.strictEqual(headers["access-control-allow-origin"], "*")
    }))

  it.effect("meta URLs carry the filters as repeated keys before PageSize and Page, percent-encoded", () =>
    Effect.gen(function*() {
      const { json } = yield* get(`${bindingsUrl}?BindingType=gcm&BindingType=apn&Identity=Test+User&PageSize=7`)
      assert.deepStrictEqual(
        (json as { meta: { first_page_url: string } }).meta.first_page_url,
        `${bindingsUrl}?BindingType=gcm&BindingType=apn&Identity=Test+User&PageSize=7&Page=0`
      )
    }))
})

it.effect("a listing of a service without bindings returns the documented empty page", () =>
  Effect.gen(function*() {
    const { json } = yield* get(bindingsUrl)
    assert.deepStrictEqual(json, documentedEmptyPage)
  }).pipe(Effect.provide(documented([]))))
