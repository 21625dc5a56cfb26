import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

describe("README", () => {
  it("shows the usage example exactly as examples/list-bindings.ts, which typechecks with the package", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8")
    const example = readFileSync(new URL("../examples/list-bindings.ts", import.meta.url), "utf8")
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1])
    assert.include(blocks, example)
  })
})
