import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck as fc, ParseResult, Schema } from "effect"
import { ListBindingsParams } from "../src/index.js"

const decode = Schema.decodeUnknownEither(ListBindingsParams.ListBindingsParams)

const rejection = (input: unknown): Array<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }> => {
  const result = decode(input)
  if (Either.isRight(result)) throw new Error(`expected ${JSON.stringify(input)} to be rejected`)
  return ParseResult.ArrayFormatter.formatErrorSync(result.left).map(({ message, path }) => ({ message, path }))
}

describe("ListBindingsParams", () => {
  it("accepts no params at all", () => {
    assert.deepStrictEqual(decode({}), Either.right({}))
  })

  it("accepts the documented range", () => {
    for (const params of [{ pageSize: 1 }, { pageSize: 1000 }, { page: 0 }, { bindingType: ["gcm", "apn", "fcm"] }]) {
      assert.isTrue(Either.isRight(decode(params)), JSON.stringify(params))
    }
  })

  const invalid: ReadonlyArray<[input: object, field: string, rule: string]> = [
    [{ pageSize: 0 }, "pageSize", "pageSize must be a whole number from 1 to 1000, got 0"],
    [{ pageSize: 1001 }, "pageSize", "pageSize must be a whole number from 1 to 1000, got 1001"],
    [{ pageSize: 1.5 }, "pageSize", "pageSize must be a whole number from 1 to 1000, got 1.5"],
    [{ pageSize: "abc" }, "pageSize", "pageSize must be a whole number from 1 to 1000, got \"abc\""],
    [{ pageSize: Number.NaN }, "pageSize", "pageSize must be a whole number from 1 to 1000, got NaN"],
    [{ page: -1 }, "page", "page must be a whole number >= 0, got -1"],
    [{ bindingType: ["sms"] }, "bindingType", "binding type must be one of gcm, apn, fcm, got \"sms\""],
    [{ identity: "alice" }, "identity", "Expected ReadonlyArray<Identity>, actual \"alice\""],
    [{ identity: ["alice", ""] }, "identity", "identity must not be empty"]
  ]
  for (const [input, field, rule] of invalid) {
    it(`rejects ${JSON.stringify(input)}, naming ${field}`, () => {
      const [issue, ...rest] = rejection(input)
      assert.strictEqual(rest.length, 0)
      assert.strictEqual(issue?.path[0], field)
      assert.strictEqual(issue?.message, rule)
    })
  }

  describe("toQuery", () => {
    it("repeats array keys and leaves out what is not set", () => {
      assert.deepStrictEqual(
        ListBindingsParams.toQuery({ bindingType: ["gcm", "apn"], identity: ["alice", "bob"], pageSize: 20 }),
        [["BindingType", "gcm"], ["BindingType", "apn"], ["Identity", "alice"], ["Identity", "bob"], ["PageSize", "20"]]
      )
      assert.deepStrictEqual(ListBindingsParams.toQuery({}), [])
      assert.deepStrictEqual(ListBindingsParams.toQuery({ page: 0, pageToken: "PT1" }), [["Page", "0"], [
        "PageToken",
        "PT1"
      ]])
    })

    it("encodes as Twilio expects: BindingType=gcm&BindingType=apn", () => {
      const search = new URLSearchParams(ListBindingsParams.toQuery({ bindingType: ["gcm", "apn"] }))
      assert.strictEqual(search.toString(), "BindingType=gcm&BindingType=apn")
    })

    const awkwardIdentity = fc.oneof(
      fc.constantFrom("john doe", "a&b", "x=y", "1+1", "a/b", "who?", "zoë", "東京", "😀 emoji", "%20", "#hash"),
      fc.string({ unit: "grapheme", minLength: 1 })
    )

    it.prop(
      "filters with spaces, &, =, +, /, ? and non-ASCII round-trip through URLSearchParams",
      [
        fc.array(awkwardIdentity, { maxLength: 5 }),
        fc.subarray(["gcm", "apn", "fcm"] as const),
        ListBindingsParams.PageSize
      ],
      ([identity, bindingType, pageSize]) => {
        const params = { identity, bindingType, pageSize }
        const wire = new URLSearchParams(ListBindingsParams.toQuery(params)).toString()
        const parsed = new URLSearchParams(wire)
        assert.deepStrictEqual(parsed.getAll("Identity"), identity)
        assert.deepStrictEqual(parsed.getAll("BindingType"), bindingType)
        assert.strictEqual(parsed.get("PageSize"), String(pageSize))
        assert.notInclude(wire, " ")
      }
    )
  })
})
