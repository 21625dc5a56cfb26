import { assert, describe, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), "../../packages")

const sources = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith(".ts")
      ? [join(dir, entry.name)]
      : []
  )

/** The value imports of @effect/platform's index (a type import is erased, so it loads nothing). */
const barrelImports = (text: string) =>
  text.split("\n").filter((line) => /^import (?!type )[^"]*from "@effect\/platform"$/.test(line))

describe("startup of the libraries", () => {
  // Unbundled, the index of @effect/platform loads its HTTP server, workers, RPC-ish modules and more:
  // a program listing 10 bindings measured ~0.99 s of CPU with it and ~0.76 s with modules imported one by one.
  it("http and stream import @effect/platform module by module, never its index", () => {
    const files = [...sources(join(packagesDir, "http/src")), ...sources(join(packagesDir, "stream/src"))]
    assert.isAbove(files.length, 5)
    assert.deepStrictEqual(
      files.flatMap((file) => barrelImports(readFileSync(file, "utf8")).map((line) => `${file}: ${line}`)),
      []
    )
  })

  it("tells a value import of the index from a type import and a module's import", () => {
    const text = [
      `import { HttpClient, Url } from "@effect/platform"`,
      `import type { HttpClientError } from "@effect/platform"`,
      `import * as UrlParams from "@effect/platform/UrlParams"`
    ].join("\n")
    assert.deepStrictEqual(barrelImports(text), [`import { HttpClient, Url } from "@effect/platform"`])
  })
})
