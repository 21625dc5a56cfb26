import { afterEach, assert, beforeAll, describe, it } from "@effect/vitest"
import { buildSync } from "esbuild"
import { execFile, execFileSync } from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { promisify } from "node:util"
import { crc32 } from "node:zlib"
import * as CodeCache from "../src/internal/codeCache.js"

const temporaryDirectories: Array<string> = []

/**
 * Each load runs in a process of its own, as the bin does: within one process V8 finds a script it
 * compiled before in its own memory and never looks at the cache it is given.
 */
let loader = ""
beforeAll(() => {
  loader = Path.join(Fs.mkdtempSync(Path.join(Os.tmpdir(), "code-cache-loader-")), "codeCache.cjs")
  buildSync({
    entryPoints: [Path.join(import.meta.dirname, "../src/internal/codeCache.ts")],
    format: "cjs",
    platform: "node",
    outfile: loader,
    logLevel: "warning"
  })
  return () => Fs.rmSync(Path.dirname(loader), { recursive: true, force: true })
})

interface Load {
  readonly state: CodeCache.CacheState
  readonly exports: unknown
}

const loadArgs = (bundle: string, directory: string | undefined, save: boolean) => [
  "-e",
  `const loaded = require(${JSON.stringify(loader)}).load(${JSON.stringify(bundle)}, ${JSON.stringify(directory)});` +
  `console.log(JSON.stringify({ state: loaded.state, exports: loaded.exports }));` +
  (save ? "loaded.save()" : "")
]

/** `CodeCache.load` in a new process; with `save`, the cache is saved when the run ends, as the bin does. */
const load = (bundle: string, directory: string | undefined, save = true): Load =>
  JSON.parse(execFileSync(process.execPath, loadArgs(bundle, directory, save), { encoding: "utf8" }))

const loadAsync = async (bundle: string, directory: string): Promise<Load> =>
  JSON.parse((await promisify(execFile)(process.execPath, loadArgs(bundle, directory, true))).stdout)

const temporaryDirectory = () => {
  const directory = Fs.mkdtempSync(Path.join(Os.tmpdir(), "code-cache-test-"))
  temporaryDirectories.push(directory)
  return directory
}

afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) Fs.rmSync(directory, { recursive: true, force: true })
})

/** A bundle whose exports show that it ran as a CommonJS module of its own file. */
const bundleSource = (value: number) =>
  `#!/usr/bin/env node\n"use strict";\nconst path = require("node:path");\nfunction twice(x) { return x * 2 }\n` +
  `module.exports = { value: twice(${value}), file: __filename, dir: __dirname, base: path.basename(__filename), self: this === module.exports }\n`

const writeBundle = (value: number) => {
  const file = Path.join(temporaryDirectory(), "main.cjs")
  Fs.writeFileSync(file, bundleSource(value))
  return file
}

const cacheFiles = (directory: string) => Fs.readdirSync(directory).filter((name) => name.endsWith(".cache"))

const expected = (file: string, value: number) => ({
  value: value * 2,
  file,
  dir: Path.dirname(file),
  base: "main.cjs",
  self: true
})

describe("CodeCache.load", () => {
  it("without a directory, requires the bundle as Node would", () => {
    const bundle = writeBundle(1)
    const loaded = load(bundle, undefined)
    assert.strictEqual(loaded.state, "off")
    assert.deepStrictEqual(loaded.exports, expected(bundle, 1))
  })

  it("writes the cache once, then runs from it with the same result", () => {
    const bundle = writeBundle(2)
    const directory = temporaryDirectory()
    const first = load(bundle, directory)
    assert.strictEqual(first.state, "missing")
    assert.deepStrictEqual(first.exports, expected(bundle, 2))
    const [file] = cacheFiles(directory)
    assert.isDefined(file)
    const written = Fs.statSync(Path.join(directory, file!)).mtimeMs
    const second = load(bundle, directory)
    assert.strictEqual(second.state, "used")
    assert.deepStrictEqual(second.exports, expected(bundle, 2))
    assert.deepStrictEqual(Fs.readdirSync(directory), [file], "a used cache is not written again")
    assert.strictEqual(Fs.statSync(Path.join(directory, file!)).mtimeMs, written)
  })

  it("never runs the cache of another bundle text: a change of the text is a change of the cache file", () => {
    const directory = temporaryDirectory()
    const bundle = writeBundle(3)
    load(bundle, directory)
    // the same length, other code: V8 alone would accept the old cache (it checks the source's length only)
    Fs.writeFileSync(bundle, bundleSource(4))
    const changed = load(bundle, directory)
    assert.strictEqual(changed.state, "missing")
    assert.deepStrictEqual(changed.exports, expected(bundle, 4))
  })

  /** Loads a bundle whose cache file was changed by `change`; the result must be the bundle's own. */
  const withCache = (change: (data: Buffer) => Buffer) => {
    const bundle = writeBundle(5)
    const directory = temporaryDirectory()
    load(bundle, directory)
    const [name] = cacheFiles(directory)
    const file = Path.join(directory, name!)
    Fs.writeFileSync(file, change(Fs.readFileSync(file)))
    const loaded = load(bundle, directory)
    assert.deepStrictEqual(loaded.exports, expected(bundle, 5))
    return { state: loaded.state, next: load(bundle, directory, false).state }
  }

  it("ignores a cache whose bytes changed (a partial or damaged file) and writes it anew", () => {
    const result = withCache((data) => {
      const copy = Buffer.from(data)
      copy[copy.length - 10] = copy[copy.length - 10]! ^ 0xff
      return copy
    })
    assert.deepStrictEqual(result, { state: "missing", next: "used" })
  })

  it("ignores an empty or truncated cache file", () => {
    assert.strictEqual(withCache(() => Buffer.alloc(0)).state, "missing")
    assert.strictEqual(withCache((data) => data.subarray(0, 4)).state, "missing")
    assert.strictEqual(withCache((data) => data.subarray(0, data.length >> 1)).state, "missing")
  })

  it("compiles from the text when V8 refuses a whole cache file, and replaces it", () => {
    const result = withCache((data) => {
      // a well-formed file whose payload V8 cannot use
      const payload = Buffer.alloc(data.length - 4, 7)
      const header = Buffer.alloc(4)
      header.writeUInt32LE(crc32(payload) >>> 0, 0)
      return Buffer.concat([header, payload])
    })
    assert.deepStrictEqual(result, { state: "rejected", next: "used" })
  })

  it("runs without a cache when the cache cannot be written", () => {
    const bundle = writeBundle(6)
    const directory = Path.join(temporaryDirectory(), "gone")
    const loaded = load(bundle, directory)
    assert.strictEqual(loaded.state, "missing")
    assert.deepStrictEqual(loaded.exports, expected(bundle, 6))
    assert.isFalse(Fs.existsSync(directory))
  })

  it("runs saving at once leave one whole cache file and no temporary file", async () => {
    const bundle = writeBundle(7)
    const directory = temporaryDirectory()
    const runs = await Promise.all(Array.from({ length: 4 }, () => loadAsync(bundle, directory)))
    for (const run of runs) assert.deepStrictEqual(run.exports, expected(bundle, 7))
    assert.strictEqual(cacheFiles(directory).length, 1)
    assert.deepStrictEqual(Fs.readdirSync(directory), cacheFiles(directory))
    assert.strictEqual(load(bundle, directory).state, "used")
  })
})

describe("CodeCache.privateDirectory", () => {
  it("creates a missing directory, private to the user", () => {
    const directory = Path.join(temporaryDirectory(), "a", "b")
    assert.strictEqual(CodeCache.privateDirectory(directory), directory)
    assert.strictEqual(Fs.statSync(directory).mode & 0o077, 0)
  })

  it("refuses a directory others may write to, a link and a file", () => {
    const shared = temporaryDirectory()
    Fs.chmodSync(shared, 0o777)
    assert.isUndefined(CodeCache.privateDirectory(shared))
    const link = Path.join(temporaryDirectory(), "link")
    Fs.symlinkSync(temporaryDirectory(), link)
    assert.isUndefined(CodeCache.privateDirectory(link))
    const file = Path.join(temporaryDirectory(), "file")
    Fs.writeFileSync(file, "")
    assert.isUndefined(CodeCache.privateDirectory(file))
    assert.isUndefined(CodeCache.privateDirectory(Path.join(file, "below")))
  })
})

describe("CodeCache.cacheDirectory", () => {
  it("is NODE_COMPILE_CACHE when set, none when NODE_DISABLE_COMPILE_CACHE is", () => {
    const directory = Path.join(temporaryDirectory(), "cache")
    assert.strictEqual(CodeCache.cacheDirectory({ NODE_COMPILE_CACHE: directory }), directory)
    assert.isUndefined(CodeCache.cacheDirectory({ NODE_COMPILE_CACHE: directory, NODE_DISABLE_COMPILE_CACHE: "1" }))
  })

  it("is a private directory of the user under the temporary directory by default", () => {
    const directory = CodeCache.cacheDirectory({})
    assert.isDefined(directory)
    assert.strictEqual(Path.dirname(directory!), Os.tmpdir())
    assert.strictEqual(Fs.statSync(directory!).mode & 0o022, 0)
  })
})
