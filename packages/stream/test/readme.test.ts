import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8")
const codeBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1])

describe("README", () => {
  const examples = [
    ["the usage example", "../examples/list-bindings.ts", "typechecks with the package"],
    ["the testing example", "./readme-example.test.ts", "runs with these tests"]
  ] as const
  for (const [what, file, proof] of examples) {
    it(`shows ${what} exactly as ${file.replace(/^\.+\//, "")}, which ${proof}`, () => {
      assert.include(codeBlocks, readFileSync(new URL(file, import.meta.url), "utf8"))
    })
  }
})
