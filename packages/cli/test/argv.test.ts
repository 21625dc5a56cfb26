import { Options } from "@effect/cli"
import { assert, describe, it } from "@effect/vitest"
import { Either, HashMap } from "effect"
import * as Argv from "../src/internal/argv.js"

const table = Argv.optionTable(Options.getUsage(Options.all({
  identity: Options.text("identity").pipe(Options.repeated),
  limit: Options.text("limit").pipe(Options.optional),
  help: Options.boolean("help").pipe(Options.withAlias("h"))
})))

const values = (args: ReadonlyArray<string>) =>
  Either.map(Argv.split(args, table), (split) => ({
    positionals: split.positionals,
    values: Object.fromEntries(HashMap.toEntries(split.values))
  }))

describe("argv", () => {
  it("keeps values as typed: empty, starting with a dash, after =, in order", () => {
    assert.deepStrictEqual(
      values(["list", "--identity", "", "--identity", "-alice", "--identity=--bob", "--limit", "-1"]),
      Either.right({
        positionals: ["list"],
        values: { "--identity": ["", "-alice", "--bob"], "--limit": ["-1"] }
      })
    )
  })

  it("knows aliases by their long name and stops at --", () => {
    assert.deepStrictEqual(
      values(["-h", "list", "--", "--limit"]),
      Either.right({ positionals: ["list", "--limit"], values: { "--help": [] } })
    )
  })

  it("names the option and the rule of each mistake", () => {
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, Argv.SplitError]> = [
      [["--bogus=1"], { option: "--bogus", rule: "is not an option of bindings; see bindings --help" }],
      [["-hx"], { option: "-hx", rule: "is not an option of bindings; see bindings --help" }],
      [["-h=1"], { option: "-h=1", rule: "is not an option of bindings; see bindings --help" }],
      [["--help=yes"], { option: "--help", rule: "takes no value" }],
      [["--limit"], { option: "--limit", rule: "needs a value" }],
      [["--limit", "1", "--limit=1"], { option: "--limit", rule: "was given more than once; it takes one value" }],
      [["-h", "--help"], { option: "--help", rule: "was given more than once; it takes one value" }]
    ]
    for (const [args, error] of cases) {
      assert.deepStrictEqual(Argv.split(args, table), Either.left(error), args.join(" "))
    }
  })
})
