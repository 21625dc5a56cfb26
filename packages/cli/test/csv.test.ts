import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"
import * as Csv from "../src/internal/csv.js"
import { parseCsv } from "./csvParse.js"

describe("csv", () => {
  it("neutralises fields a spreadsheet would run as a formula with a leading quote", () => {
    for (
      const field of ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3+4", "@SUM(A1)", "\t=1+1", "\r=1+1", "="]
    ) {
      assert.strictEqual(Csv.neutralise(field), "'" + field)
    }
  })

  it("leaves other fields as they are, formula characters inside included", () => {
    for (const field of ["", "alice", "a=b", "1+2", "x-y", "mail@example.com", " =1", "'quoted", "\n=1"]) {
      assert.strictEqual(Csv.neutralise(field), field)
    }
  })

  it("leaves plain fields as they are", () => {
    assert.strictEqual(Csv.row(["abc", "", "x y"]), "abc,,x y\r\n")
  })

  it("quotes fields with a comma, a quote or a line break and doubles inner quotes", () => {
    assert.strictEqual(
      Csv.row(["a,b", "say \"hi\"", "two\nlines", "cr\rx"]),
      "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\"\r\n"
    )
  })

  it("parses what it writes, for any fields", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.array(
          FastCheck.array(FastCheck.oneof(FastCheck.string(), FastCheck.constantFrom(",", "\"", "\r\n", "\n", "\r")), {
            minLength: 1,
            maxLength: 6
          }),
          { minLength: 1, maxLength: 6 }
        ).filter((records) => records.every((fields) => !(fields.length === 1 && fields[0] === ""))),
        (records) => {
          assert.deepStrictEqual(parseCsv(records.map(Csv.row).join("")), records)
        }
      )
    )
  })

  it("rejects a quote inside an unquoted field and an unterminated quote", () => {
    assert.throws(() => parseCsv("ab\"c\r\n"))
    assert.throws(() => parseCsv("\"abc\r\n"))
  })
})
