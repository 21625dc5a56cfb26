import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, ParseResult, Schema } from "effect"
import { Sid } from "../src/index.js"

const kinds = [Sid.ServiceSid, Sid.BindingSid, Sid.AccountSid, Sid.CredentialSid] as const

const decodeError = <A>(schema: Schema.Schema<A, string>, input: unknown): string => {
  const result = Schema.decodeUnknownEither(schema)(input)
  assert.isTrue(Either.isLeft(result), `expected ${JSON.stringify(input)} to be rejected`)
  return Either.isLeft(result) ? ParseResult.TreeFormatter.formatErrorSync(result.left) : ""
}

describe("Sid", () => {
  it("has the documented prefixes", () => {
    assert.deepStrictEqual(kinds.map((kind) => [kind.kind, kind.prefix]), [
      ["ServiceSid", "IS"],
      ["BindingSid", "BS"],
      ["AccountSid", "AC"],
      ["CredentialSid", "CR"]
    ])
  })

  const suite = <Kind extends string>(kind: Sid.SidSchema<Kind>) =>
    describe(kind.kind, () => {
      it.prop(`accepts every generated ${kind.kind}`, [kind], ([sid]) => {
        assert.strictEqual(sid.length, 34)
        assert.isTrue(sid.startsWith(kind.prefix))
        assert.isTrue(Either.isRight(Schema.decodeUnknownEither(kind)(sid)))
      })

      it("generates lowercase and uppercase hex digits, all sixteen of each", () => {
        const digits = new Set(fc.sample(Arbitrary.make(kind), 200).map((sid) => sid.slice(2)).join(""))
        assert.deepStrictEqual([...digits].sort().join(""), "0123456789ABCDEFabcdef")
      })

      it.prop(
        "rejects a wrong prefix, naming the kind and the prefix",
        [kind, fc.stringMatching(/^[A-Za-z]{2}$/).filter((p) => p !== kind.prefix)],
        ([sid, prefix]) => {
          const message = decodeError(kind, prefix + sid.slice(2))
          assert.include(message, `${kind.kind} must start with "${kind.prefix}", got "${prefix}"`)
        }
      )

      it.prop("rejects 33 and 35 characters, naming the kind and the length", [kind, fc.boolean()], ([sid, longer]) => {
        const mutated = longer ? sid + "0" : sid.slice(0, 33)
        const message = decodeError(kind, mutated)
        assert.include(message, `${kind.kind} must be 34 characters`)
        assert.include(message, `got ${mutated.length}`)
      })

      it.prop(
        "rejects a non-hex character, naming the kind and the position",
        [kind, fc.integer({ min: 2, max: 33 }), fc.constantFrom("g", "z", "G", " ", "-", "é", "_")],
        ([sid, position, char]) => {
          const mutated = sid.slice(0, position) + char + sid.slice(position + 1)
          const message = decodeError(kind, mutated)
          assert.include(message, `${kind.kind} must be "${kind.prefix}" followed by 32 hex digits`)
          assert.include(message, `at position ${position}`)
        }
      )

      it.prop(
        "its pattern accepts exactly what the schema accepts",
        [kind, fc.constantFrom("", "0", "g", "\n"), fc.nat(5)],
        ([sid, junk, edit]) => {
          const candidates = [
            sid,
            sid + junk,
            sid.slice(0, 33),
            sid.slice(0, 2).toLowerCase() + sid.slice(2),
            "x" + sid,
            sid.slice(0, 2) + junk + sid.slice(3)
          ]
          const candidate = candidates[edit]!
          assert.strictEqual(
            kind.pattern.test(candidate),
            Either.isRight(Schema.decodeUnknownEither(kind)(candidate)),
            JSON.stringify(candidate)
          )
        }
      )

      it("rejects a value that is not a string", () => {
        assert.include(decodeError(kind, 42), "Expected string, actual 42")
      })
    })
  suite(Sid.ServiceSid)
  suite(Sid.BindingSid)
  suite(Sid.AccountSid)
  suite(Sid.CredentialSid)

  it("make validates at construction", () => {
    assert.strictEqual(Sid.ServiceSid.make("IS0123456789abcdef0123456789ABCDEF"), "IS0123456789abcdef0123456789ABCDEF")
    assert.throws(() => Sid.ServiceSid.make("BS0123456789abcdef0123456789abcdef"), /ServiceSid must start with "IS"/)
  })

  it("builds new kinds from a prefix", () => {
    const UserSid = Sid.make("US", "UserSid")
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(UserSid)("US0123456789abcdef0123456789abcdef")))
    assert.include(decodeError(UserSid, "IS0123456789abcdef0123456789abcdef"), "UserSid must start with \"US\"")
  })
})
