import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, DateTime, Either, FastCheck as fc, JSONSchema, Option, ParseResult, Schema } from "effect"
import { Binding, BindingPage, TwilioDateTime, TwilioErrorBody } from "../src/index.js"
import * as Civil from "../src/internal/civil.js"
import { referenceBinding, referenceEmptyPage, referencePageWithOneBinding } from "./fixtures/reference.js"

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
  it("decodes the reference's binding into camelCase fields", () => {
    const binding = decodeBinding(referenceBinding)
    assert.strictEqual(Option.getOrThrow(binding.sid), "BSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert.strictEqual(Option.getOrThrow(binding.accountSid), "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert.strictEqual(Option.getOrThrow(binding.serviceSid), "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert.strictEqual(Option.getOrThrow(binding.credentialSid), "CRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert.strictEqual(binding.bindingType, "gcm")
    assert.strictEqual(Option.getOrThrow(binding.identity), "TestUser")
    assert.strictEqual(Option.getOrThrow(binding.endpoint), "TestUser-endpoint")
    assert.deepStrictEqual(Option.getOrThrow(binding.messageTypes), referenceBinding.message_types)
    assert.deepStrictEqual(Option.getOrThrow(binding.links), referenceBinding.links)
    const created = Option.getOrThrow(binding.dateCreated)
    assert.isTrue(DateTime.isDateTime(created))
    assert.strictEqual(DateTime.toEpochMillis(created), Date.UTC(2016, 9, 21, 11, 37, 3))
  })

  it("encodes the reference's binding back to the same wire JSON", () => {
    assert.deepStrictEqual(encodeBinding(decodeBinding(referenceBinding)), referenceBinding)
  })

  it("decodes null wire fields to Option.none and encodes them back to null", () => {
    const wire = {
      ...referenceBinding,
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
    const { links: _links, ...withoutLinks } = referenceBinding
    const binding = decodeBinding({ ...withoutLinks, some_future_field: 1 })
    assert.isTrue(Option.isNone(binding.links))
    assert.deepStrictEqual(encodeBinding(binding), withoutLinks)
  })

  it("decodes null links to Option.some(null) and encodes them back to null", () => {
    const wire = { ...referenceBinding, links: null }
    const binding = decodeBinding(wire)
    assert.deepStrictEqual(binding.links, Option.some(null))
    assert.deepStrictEqual(encodeBinding(binding), wire)
  })

  it("names the path of a bad field", () => {
    const message = decodeFailure(Binding.Binding, { ...referenceBinding, account_sid: "ACxyz" })
    assert.include(message, "[\"account_sid\"]")
    assert.include(message, "AccountSid must be 34 characters")
  })

  it("rejects an unknown binding type", () => {
    const message = decodeFailure(Binding.Binding, { ...referenceBinding, binding_type: "sms" })
    assert.include(message, "[\"binding_type\"]")
    assert.include(message, "binding type must be one of gcm, apn, fcm, got \"sms\"")
  })

  it("rejects a missing required key rather than guessing", () => {
    const { identity: _identity, ...withoutIdentity } = referenceBinding
    assert.include(decodeFailure(Binding.Binding, withoutIdentity), "[\"identity\"]")
  })

  it("rejects a timestamp that is not ISO 8601", () => {
    const message = decodeFailure(Binding.Binding, { ...referenceBinding, date_created: "21/10/2016" })
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

describe("Binding's JSON Schema", () => {
  const schema = JSONSchema.make(Binding.Binding) as unknown as {
    readonly $defs: Record<string, unknown>
    readonly required: ReadonlyArray<string>
    readonly properties: Record<string, { readonly anyOf?: ReadonlyArray<unknown> }>
  }

  it("describes the wire form: snake_case keys, all required but links", () => {
    // the keys in wire order, as encoding writes them
    const wireKeys = Object.keys(encodeBinding(decodeBinding(referenceBinding)))
    assert.deepStrictEqual(schema.required, wireKeys.filter((key) => key !== "links"))
    assert.deepStrictEqual(schema.properties.links, {
      anyOf: [{ $ref: "#/$defs/BindingLinks" }, { type: "null" }]
    })
  })

  it("gives each SID its pattern, length and a description naming the kind", () => {
    const sids = [
      ["sid", "BS", "BindingSid"],
      ["account_sid", "AC", "AccountSid"],
      ["service_sid", "IS", "ServiceSid"],
      [
        "credential_sid",
        "CR",
        "CredentialSid"
      ]
    ] as const
    for (const [key, prefix, kind] of sids) {
      assert.deepStrictEqual(schema.properties[key]!.anyOf, [
        {
          type: "string",
          description: `a Twilio ${kind}: "${prefix}" followed by 32 hexadecimal digits`,
          title: kind,
          pattern: `^${prefix}[0-9a-fA-F]{32}$`,
          minLength: 34,
          maxLength: 34
        },
        { type: "null" }
      ])
    }
  })

  it("names the timestamp, binding type and links definitions", () => {
    assert.deepStrictEqual(schema.$defs.TwilioDateTime, {
      type: "string",
      description: "an ISO 8601 date-time such as 2016-10-21T11:37:03Z"
    })
    assert.deepStrictEqual(schema.$defs.BindingType, { type: "string", enum: ["gcm", "apn", "fcm"] })
    assert.deepStrictEqual(schema.$defs.BindingLinks, {
      type: "object",
      required: [],
      properties: {},
      additionalProperties: { type: "string" }
    })
  })
})

describe("BindingPage", () => {
  it("decodes and re-encodes both reference examples", () => {
    for (const example of [referencePageWithOneBinding, referenceEmptyPage]) {
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
      ...referencePageWithOneBinding,
      bindings: [referenceBinding, { ...referenceBinding, sid: 7 }]
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
  it("generates instants from 1970 to 2100, whole milliseconds", () => {
    for (const instant of fc.sample(Arbitrary.make(TwilioDateTime.TwilioDateTime), 300)) {
      const millis = DateTime.toEpochMillis(instant)
      assert.isTrue(millis >= 0 && millis <= Date.UTC(2100, 0, 1), String(millis))
    }
  })

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
      fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }),
      // every instant a Date can hold, years below 0 and above 9999 included
      fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 })
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

  /**
   * The oracle: `Date.parse` reads the text and writing the instant back gives the same fields, so
   * no field rolled over into the next (February 30th into March 1st, 24:00 into the next day).
   */
  const expectedMillis = (text: string): number | undefined => {
    const local = text.slice(0, 19)
    const localMillis = Date.parse(local + "Z")
    if (Number.isNaN(localMillis) || new Date(localMillis).toISOString().slice(0, 19) !== local) return undefined
    const millis = Date.parse(text)
    return Number.isNaN(millis) ? undefined : millis
  }

  // each field from just below to just above its range, zero-padded
  const field = (width: number, max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, "0"))
  const fields = [field(4, 9999), field(2, 13), field(2, 32), field(2, 25), field(2, 61), field(2, 61)] as const
  /** Calendar edges: the ends of months, leap days (1900 and 2100 are not leap years, 2000 is). */
  const edgeDate = fc.tuple(
    fc.constantFrom("1900", "2000", "2015", "2016", "2023", "2024", "2100"),
    fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, "0")),
    fc.integer({ min: 27, max: 32 }).map(String)
  ).map(([year, month, day]) => `${year}-${month}-${day}`)

  it.prop(
    "reads YYYY-MM-DDTHH:MM:SSZ as Date.parse does when no field rolls over, and rejects the rest",
    [...fields],
    ([year, month, day, hour, minute, second]) => {
      const text = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`
      const parsed = TwilioDateTime.parse(text)
      assert.strictEqual(parsed && DateTime.toEpochMillis(parsed), expectedMillis(text), text)
    },
    { fastCheck: { numRuns: 2000 } }
  )

  it.prop(
    "reads dates at the ends of months, with fractions and offsets, as the oracle does",
    [
      edgeDate,
      fc.constantFrom("00:00:00", "23:59:59", "24:00:00", "12:60:00", "11:37:03"),
      fc.constantFrom("", ".5", ".123", ".1239", ".999999999"),
      fc.constantFrom("Z", "+00:00", "+01:00", "-05:30", "+23:59", "+24:00", "-00:60")
    ],
    ([date, time, fraction, offset]) => {
      const text = `${date}T${time}${fraction}${offset}`
      const parsed = TwilioDateTime.parse(text)
      assert.strictEqual(parsed && DateTime.toEpochMillis(parsed), expectedMillis(text), text)
    },
    { fastCheck: { numRuns: 2000 } }
  )

  it.prop(
    "reads Twilio's own form on the fast path, as the general path reads it",
    [...fields],
    ([year, month, day, hour, minute, second]) => {
      const text = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`
      const fast = Civil.parseCommonForm(text)
      assert.notStrictEqual(fast, null, text)
      assert.strictEqual(fast, Civil.parseGeneralForm(text), text)
    },
    { fastCheck: { numRuns: 1000 } }
  )

  it("leaves every other shape to the general path", () => {
    for (
      const text of [
        "2016-10-21T11:37:03.5Z",
        "2016-10-21T11:37:03+00:00",
        "2016-10-21T11:37:03Zx",
        "2016-10-21T11:37:0Z",
        "2016-10-21 11:37:03Z",
        "2016/10-21T11:37:03Z",
        "2016-10/21T11:37:03Z",
        "2016-10-21T11-37:03Z",
        "2016-10-21T11:37-03Z",
        "2016-10-21T11:37:03z"
      ]
    ) {
      assert.isNull(Civil.parseCommonForm(text), text)
    }
    for (const text of ["2016-10-21T11:37:03Zx", "x2016-10-21T11:37:03+01:00", "2016-10-21T11:37:03+01:00x"]) {
      assert.isUndefined(TwilioDateTime.parse(text), text)
    }
  })

  it("rejects impossible calendar dates and times, in both forms", () => {
    for (
      const text of [
        "2016-02-30T11:37:03Z",
        "2016-02-30T11:37:03+01:00",
        "2015-02-29T00:00:00Z",
        "1900-02-29T00:00:00.5Z",
        "2016-04-31T00:00:00Z",
        "2016-10-21T24:00:00Z",
        "2016-10-21T11:37:03+24:00"
      ]
    ) {
      assert.isUndefined(TwilioDateTime.parse(text), text)
      assert.include(decodeFailure(TwilioDateTime.TwilioDateTime, text), "expected an ISO 8601 date-time")
    }
    assert.isDefined(TwilioDateTime.parse("2016-02-29T00:00:00Z"))
    assert.isDefined(TwilioDateTime.parse("2000-02-29T23:59:59-01:00"))
  })

  it("rejects a character that is not a digit in any field of the common form", () => {
    const valid = "2016-10-21T11:37:03Z"
    for (const position of [0, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]) {
      for (const char of ["x", "/", ":", " "]) {
        const text = valid.slice(0, position) + char + valid.slice(position + 1)
        assert.isUndefined(TwilioDateTime.parse(text), text)
      }
    }
    for (const position of [4, 7, 10, 13, 16, 19]) {
      const text = valid.slice(0, position) + "0" + valid.slice(position + 1)
      assert.isUndefined(TwilioDateTime.parse(text), text)
    }
  })

  it("reads the first and the last instant of four-digit years", () => {
    for (const text of ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-02-29T00:00:00Z"]) {
      const parsed = TwilioDateTime.parse(text)
      assert.strictEqual(parsed && DateTime.toEpochMillis(parsed), Date.parse(text), text)
      assert.strictEqual(parsed && TwilioDateTime.format(parsed), text)
    }
  })

  it("reads years before 100 as they are, not as 19xx", () => {
    const parsed = TwilioDateTime.parse("0050-01-01T00:00:00Z")
    assert.strictEqual(parsed && DateTime.toEpochMillis(parsed), Date.parse("0050-01-01T00:00:00Z"))
    assert.strictEqual(parsed && TwilioDateTime.format(parsed), "0050-01-01T00:00:00Z")
  })

  it("rejects dates without time, without offset, or impossible", () => {
    for (const text of ["2016-10-21", "2016-10-21T11:37:03", "2016-13-45T11:37:03Z", "yesterday", ""]) {
      assert.isUndefined(TwilioDateTime.parse(text), text)
    }
  })
})

describe("schema names", () => {
  it("each class names itself in its decode errors", () => {
    const cases: ReadonlyArray<readonly [Schema.Schema.AnyNoContext, string]> = [
      [Binding.Binding, "Binding"],
      [BindingPage.BindingPage, "BindingPage"],
      [BindingPage.PageMeta, "PageMeta"],
      [TwilioErrorBody.TwilioErrorBody, "TwilioErrorBody"]
    ]
    for (const [schema, name] of cases) {
      assert.isTrue(decodeFailure(schema, 42).startsWith(`(${name} (Encoded side) <-> ${name})`), name)
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

  it("keeps more_info optional and exact: absent stays absent, undefined is refused", () => {
    const decode = Schema.decodeUnknownSync(TwilioErrorBody.TwilioErrorBody)
    const body = decode({ code: 20003, message: "Authenticate", status: 401 })
    assert.isFalse("moreInfo" in body)
    assert.deepStrictEqual(Schema.encodeSync(TwilioErrorBody.TwilioErrorBody)(body), {
      code: 20003,
      message: "Authenticate",
      status: 401
    })
    assert.include(
      decodeFailure(TwilioErrorBody.TwilioErrorBody, { code: 1, message: "m", status: 500, more_info: undefined }),
      "[\"more_info\"]"
    )
  })

  it("does not take a body without a code for an error body", () => {
    assert.include(
      decodeFailure(TwilioErrorBody.TwilioErrorBody, { message: "oops", status: 500 }),
      "[\"code\"]"
    )
  })
})
