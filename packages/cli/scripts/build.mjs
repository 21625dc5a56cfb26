#!/usr/bin/env node
/**
 * Bundles the `bindings` command (bin/bindings.ts and everything it imports, the `--demo` fake included)
 * into one CommonJS file, dist/bindings.cjs, that plain `node` starts in a fraction of the time tsx needs.
 *
 *   node packages/cli/scripts/build.mjs            # rebuilds only when an input changed since the last build
 *   node packages/cli/scripts/build.mjs --force    # always rebuilds
 *
 * Quiet: nothing on stdout, ever; errors on stderr and exit code 1. The bundle and its list of inputs
 * are written to temporary files and renamed into place, so a process starting the bundle meanwhile
 * reads either the old file or the new one, never half of one.
 *
 * Freshness: dist/bindings.inputs.json records every file esbuild read (its metafile's inputs) and what
 * steers resolution and compilation (package.json and tsconfig.json files, pnpm's lockfile and
 * node_modules/.modules.yaml, which every `pnpm install` rewrites, this script), each with its modification
 * time, size and SHA-1. The bundle is fresh when every one of them still has the contents it had: a file
 * with the recorded time and size is taken as unchanged, any other is hashed, so a file touched but not
 * changed (a formatter, a checkout) costs a hash, not a rebuild. A file modified while the bundle was built
 * is recorded with no hash, so the next run rebuilds.
 */
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const script = fileURLToPath(import.meta.url)
const packageDir = resolve(dirname(script), "..")
const repoDir = resolve(packageDir, "../..")
const entryPoint = join(packageDir, "bin/bindings.ts")
const outfile = join(packageDir, "dist/bindings.cjs")
const inputsFile = join(packageDir, "dist/bindings.inputs.json")
/** A file modified less than this before the build started counts as modified during it (timestamps lag the clock). */
const CLOCK_MARGIN_MS = 1_000

const statOf = (file) => {
  try {
    return statSync(resolve(repoDir, file))
  } catch {
    return undefined
  }
}

const sha1Of = (file) => createHash("sha1").update(readFileSync(resolve(repoDir, file))).digest("hex")

const isFresh = () => {
  let recorded
  try {
    recorded = JSON.parse(readFileSync(inputsFile, "utf8")).files
  } catch {
    return false
  }
  if (typeof recorded !== "object" || recorded === null || statOf(outfile) === undefined) return false
  return Object.entries(recorded).every(([file, [mtimeMs, size, sha1]]) => {
    const stat = statOf(file)
    if (stat === undefined || sha1 === null) return false
    return (stat.mtimeMs === mtimeMs && stat.size === size) || sha1Of(file) === sha1
  })
}

/** What esbuild read, and the configuration files around the sources that decided how it read them. */
const watchedFiles = (inputs) => {
  const files = new Set([
    ...inputs,
    relative(repoDir, script),
    "package.json",
    "tsconfig.base.json",
    "pnpm-lock.yaml",
    "node_modules/.modules.yaml"
  ])
  const seen = new Set()
  for (const input of inputs) {
    if (input.includes("node_modules/")) continue
    for (let dir = dirname(input); dir !== "." && !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir)
      for (const name of ["package.json", "tsconfig.json"]) {
        const file = join(dir, name)
        if (statOf(file) !== undefined) files.add(file)
      }
    }
  }
  return [...files].sort()
}

/** Writes `contents` to a temporary file beside `file`, then renames it over `file`. */
const writeAtomically = (file, contents) => {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, contents)
  renameSync(temporary, file)
}

const build = async () => {
  // Loaded only when building: checking freshness needs nothing but `fs`.
  const esbuild = await import("esbuild")
  const startedAt = Date.now() - CLOCK_MARGIN_MS
  const result = await esbuild.build({
    absWorkingDir: repoDir,
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // The dynamic import of @twilio-bindings/testing (`--demo`) is inlined as a lazily initialized module.
    metafile: true,
    write: false,
    logLevel: "error"
  })
  mkdirSync(dirname(outfile), { recursive: true })
  for (const output of result.outputFiles) writeAtomically(output.path, output.contents)
  const files = {}
  for (const file of watchedFiles(Object.keys(result.metafile.inputs))) {
    const stat = statOf(file)
    if (stat === undefined) continue
    files[file] = [stat.mtimeMs, stat.size, stat.mtimeMs < startedAt ? sha1Of(file) : null]
  }
  writeAtomically(inputsFile, JSON.stringify({ files }) + "\n")
}

try {
  if (process.argv.includes("--force") || !isFresh()) await build()
} catch (error) {
  // esbuild has already printed its errors (logLevel "error"); anything else is printed here.
  if (!Array.isArray(error?.errors)) process.stderr.write(`build of the bindings CLI failed: ${error}\n`)
  process.exitCode = 1
}
