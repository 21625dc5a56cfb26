import { assert, describe, it } from "@effect/vitest"
import { DateTime, Either, FastCheck as fc, Option, ParseResult, Schema } from "effect"
import { Binding, BindingPage, TwilioDateTime, TwilioErrorBody } from "../src/index.js"
import { seedBinding, seedEmptyPage, seedPageWithOneBinding } from "./fixtures/seed.js"

const decodeBinding = Schema.decodeUnknownSync(Binding.Binding)
const encodeBinding = Schema.encodeSync(Binding.Binding)
const decodePage = Schema.decodeUnknownSync(BindingPage.BindingPage)
const encodePage = Schema.encodeSync(BindingPage.BindingPage)
const bindingEquivalence = Schema.equivalence(Binding.Binding)
const pageEquivalence = Schema.equivalence(BindingPage.BindingPage)

const decodeFailure = <A, I>(schema: Schema.Schema<A, I>, input: unknown): string => {
  const result = Schema.decodeUnknownEither(schema)(input)
  if (Either.isRight(result)) throw new Error(`expected a decode failure for ${JSON.stringify(input)}`)
  return ParseResult.TreeFormatter.formatErrorSync(result.left)
}

describe("Binding", () => {
  it("decodes the seed's binding into camelCase fields", () => {
    const binding = decodeBinding(seedBinding)
    assert.strictEqual(Option.getOrThrow(binding.sid), "BSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert.strictEqual(Option.getOrThrow(binding.accountSid), "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert.strictEqual(Option.getOrThrow(binding.serviceSid), "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert.strictEqual(Option.getOrThrow(binding.credentialSid), "CRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert.strictEqual(binding.bindingType, "gcm")
    assert.strictEqual(Option.getOrThrow(binding.identity), "TestUser")
    assert.strictEqual(Option.getOrThrow(binding.endpoint), "TestUser-endpoint")
    assert.deepStrictEqual(Option.getOrThrow(binding.messageTypes), seedBinding.message_types)
    assert.deepStrictEqual(Option.getOrThrow(binding.links), seedBinding.links)
    const created = Option.getOrThrow(binding.dateCreated)
    assert.isTrue(DateTime.isDateTime(created))
    assert.strictEqual(DateTime.toEpochMillis(created), Date.UTC(2016, 9, 21, 11, 37, 3))
  })

  it("encodes the seed's binding back to the same wire JSON", () => {
    assert.deepStrictEqual(encodeBinding(decodeBinding(seedBinding)), seedBinding)
  })

  it("decodes null wire fields to Option.none and encodes them back to null", () => {
    const wire = {
      ...seedBinding,
      credential_sid: null,
      endpoint: null,
      identity: null,
      message_types: null,
      date_updated: null
    }
    const binding = decodeBinding(wire)
    assert.isTrue(Option.isNone(binding.credentialSid))
    assert.isTrue(Option.isNone(binding.messageTypes))
    assert.deepStrictEqual(encodeBinding(binding), wire)
  })

  it("tolerates unknown extra fields and an absent links object", () => {
    const { links: _links, ...withoutLinks } = seedBinding
    const binding = decodeBinding({ ...withoutLinks, some_future_field: 1 })
    assert.isTrue(Option.isNone(binding.links))
    assert.deepStrictEqual(encodeBinding(binding), withoutLinks)
  })

  it("names the path of a bad field", () => {
    const message = decodeFailure(Binding.Binding, { ...seedBinding, account_sid: "ACxyz" })
    assert.include(message, "[\"account_sid\"]")
    assert.include(message, "AccountSid must be 34 characters")
  })

  it("rejects an unknown binding type", () => {
    const message = decodeFailure(Binding.Binding, { ...seedBinding, binding_type: "sms" })
    assert.include(message, "[\"binding_type\"]")
    assert.include(message, "binding type must be one of gcm, apn, fcm, got \"sms\"")
  })

  it("rejects a missing required key rather than guessing", () => {
    const { identity: _identity, ...withoutIdentity } = seedBinding
    assert.include(decodeFailure(Binding.Binding, withoutIdentity), "[\"identity\"]")
  })

  it("rejects a timestamp that is not ISO 8601", () => {
    const message = decodeFailure(Binding.Binding, { ...seedBinding, date_created: "21/10/2016" })
    assert.include(message, "[\"date_created\"]")
    assert.include(message, "expected an ISO 8601 date-time")
  })

  it.prop("decode(encode(x)) equals x", [Binding.Binding], ([binding]) => {
    const wire = encodeBinding(binding)
    assert.isTrue(bindingEquivalence(decodeBinding(wire), binding))
    // and the wire form is plain JSON that survives a trip through text
    assert.deepStrictEqual(JSON.parse(JSON.stringify(wire)), wire)
  })
})

describe("BindingPage", () => {
  it("decodes and re-encodes both seed examples", () => {
    for (const example of [seedPageWithOneBinding, seedEmptyPage]) {
      const page = decodePage(example)
      assert.strictEqual(page.bindings.length, example.bindings.length)
      assert.strictEqual(page.meta.key, "bindings")
      assert.strictEqual(page.meta.pageSize, 50)
      assert.isTrue(Option.isNone(page.meta.nextPageUrl))
      assert.strictEqual(page.meta.firstPageUrl, example.meta.first_page_url)
      assert.deepStrictEqual(encodePage(page), example)
    }
  })

  it("names the path of a bad binding inside a page", () => {
    const message = decodeFailure(BindingPage.BindingPage, {
      ...seedPageWithOneBinding,
      bindings: [seedBinding, { ...seedBinding, sid: 7 }]
    })
    assert.include(message, "[\"bindings\"]")
    assert.include(message, "[1]")
    assert.include(message, "[\"sid\"]")
  })

  it.prop("decode(encode(x)) equals x", [BindingPage.BindingPage], ([page]) => {
    assert.isTrue(pageEquivalence(decodePage(encodePage(page)), page))
  })
})

describe("TwilioDateTime", () => {
  it("keeps milliseconds only when they are not zero", () => {
    assert.strictEqual(
      TwilioDateTime.format(DateTime.unsafeMake(Date.UTC(2016, 9, 21, 11, 37, 3))),
      "2016-10-21T11:37:03Z"
    )
    assert.strictEqual(
      TwilioDateTime.format(DateTime.unsafeMake(Date.UTC(2016, 9, 21, 11, 37, 3, 250))),
      "2016-10-21T11:37:03.250Z"
    )
  })

  it.prop(
    "formats every instant as toISOString does, without zero milliseconds",
    [fc.oneof(
      fc.integer({ min: -30_610_224_000, max: 253_402_300_799 }).map((s) => s * 1000),
      fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 })
    )],
    ([millis]) => {
      const iso = new Date(millis).toISOString()
      const expected = iso.endsWith(".000Z") ? iso.slice(0, -5) + "Z" : iso
      assert.strictEqual(TwilioDateTime.format(DateTime.unsafeMake(millis)), expected)
    },
    { fastCheck: { numRuns: 5000 } }
  )

  it("accepts offsets and normalises to UTC", () => {
    const parsed = TwilioDateTime.parse("2016-10-21T13:37:03+02:00")
    assert.strictEqual(parsed && TwilioDateTime.format(parsed), "2016-10-21T11:37:03Z")
  })

  // each field from just below to just above its range, zero-padded
  const field = (width: number, max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, "0"))
  it.prop(
    "reads YYYY-MM-DDTHH:MM:SSZ exactly as Date.parse does, in and out of range",
    [field(4, 9999), field(2, 13), field(2, 32), field(2, 25), field(2, 61), field(2, 61)],
    ([year, month, day, hour, minute, second]) => {
      const text = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`
      const expected = Date.parse(text)
      const parsed = TwilioDateTime.parse(text)
      if (Number.isNaN(expected)) assert.isUndefined(parsed, text)
      else assert.strictEqual(parsed && DateTime.toEpochMillis(parsed), expected, text)
    },
    { fastCheck: { numRuns: 2000 } }
  )

  it("rejects dates without time, without offset, or impossible", () => {
    for (const text of ["2016-10-21", "2016-10-21T11:37:03", "2016-13-45T11:37:03Z", "yesterday", ""]) {
      assert.isUndefined(TwilioDateTime.parse(text), text)
    }
  })
})

describe("TwilioErrorBody", () => {
  it("decodes Twilio's error JSON", () => {
    const body = Schema.decodeUnknownSync(TwilioErrorBody.TwilioErrorBody)({
      code: 20404,
      message: "The requested resource /Services/ISxx/Bindings was not found",
      more_info: "https://www.twilio.com/docs/errors/20404",
      status: 404
    })
    assert.strictEqual(body.code, 20404)
    assert.strictEqual(body.status, 404)
    assert.strictEqual(body.moreInfo, "https://www.twilio.com/docs/errors/20404")
  })

  it("does not take a body without a code for an error body", () => {
    assert.include(
      decodeFailure(TwilioErrorBody.TwilioErrorBody, { message: "oops", status: 500 }),
      "[\"code\"]"
    )
  })
})
