/**
 * The side-by-side benchmark: one loopback fake per case, each client its own process, run in
 * alternation (A B C A B C …) after a warm-up round, measured the same way (the client's own CPU
 * time, peak RSS and wall time, written by `usage.mjs` at exit).
 */
import { HttpClientRequest } from "@effect/platform"
import { Binding, WireDecoder } from "@twilio-bindings/domain"
import { FakeTwilio, FakeTwilioServer, Generators } from "@twilio-bindings/testing"
import { Effect, Either, Redacted, Schema } from "effect"
import * as esbuild from "esbuild"
import { execFileSync, spawn } from "node:child_process"
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { cpus, tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const benchDir = join(here, "..")
const repoDir = join(benchDir, "..")
const distDir = join(benchDir, "dist")

/** One benchmark client: a script run as its own Node process. */
export interface Client {
  readonly name: string
  readonly script: string
  readonly args?: ReadonlyArray<string>
  readonly env?: Readonly<Record<string, string>>
  /** Where stdout goes: nowhere (`ignore`) or `/dev/null` (an export writes to a real file descriptor). */
  readonly stdout: "ignore" | "devnull"
}

/** One case: the data the fake serves and the clients compared on it. */
export interface Case {
  readonly id: string
  readonly title: string
  readonly count: number
  readonly pageSize: number
  readonly latencyMs: number
  readonly consumerMs: number
  /** The clients stop after this many bindings (the startup case); absent, they list all `count`. */
  readonly limit?: number
  /** Measured rounds, when the case needs more than the run's (short processes vary more). */
  readonly rounds?: number
  readonly clients: ReadonlyArray<Client>
}

/** How many bindings each client of a case must list. */
export const expectedCount = (kase: Case) => Math.min(kase.count, kase.limit ?? Infinity)

/** What one run of a client measured. */
export interface Sample {
  readonly cpuMs: number
  readonly wallMs: number
  readonly peakRssMb: number
  readonly count: number
}

/** The summary of a client's runs in a case. */
export interface Summary {
  readonly client: string
  readonly runs: number
  readonly cpuMs: Stat
  readonly wallMs: Stat
  readonly peakRssMb: Stat
  readonly bindingsPerSecond: number
  readonly cpuVsFloor: number | undefined
  readonly cpuVsSdk: number | undefined
  readonly wallVsSdk: number | undefined
}

/** Median, min and max. */
export interface Stat {
  readonly median: number
  readonly min: number
  readonly max: number
}

export const stat = (values: ReadonlyArray<number>): Stat => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}

/**
 * Bundles the TypeScript clients as an application would ship them, minified, each on its own (this
 * library's and the Effect floor on each transport, Effect alone, the code-cache launcher), and builds
 * the CLI (its own build).
 */
export const bundle = () =>
  Effect.promise(async () => {
    mkdirSync(distDir, { recursive: true })
    await esbuild.build({
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      logLevel: "error",
      // minified, as the README advises shipping a program (less to parse and compile at startup)
      minify: true,
      entryPoints: [
        "lib",
        "lib-node-http",
        "effect-alone",
        "effect-floor",
        "effect-floor-validating",
        "effect-floor-node-http",
        "effect-floor-node-http-validating",
        "code-cached"
      ].map((name) => ({
        in: join(here, `clients/${name}.ts`),
        out: name
      })),
      outdir: distDir,
      outExtension: { ".js": ".cjs" }
    })
    execFileSync("pnpm", ["--silent", "--dir", join(repoDir, "packages/cli"), "run", "build"], { stdio: "inherit" })
  })

/** The scripts of the clients, by name. */
export const scripts = {
  floor: join(here, "clients/floor.mjs"),
  floorExport: join(here, "clients/floor-export.mjs"),
  sdk: join(here, "clients/sdk.mjs"),
  lib: join(distDir, "lib.cjs"),
  libNodeHttp: join(distDir, "lib-node-http.cjs"),
  effectAlone: join(distDir, "effect-alone.cjs"),
  effectFloor: join(distDir, "effect-floor.cjs"),
  effectFloorNodeHttp: join(distDir, "effect-floor-node-http.cjs"),
  effectFloorValidating: join(distDir, "effect-floor-validating.cjs"),
  effectFloorNodeHttpValidating: join(distDir, "effect-floor-node-http-validating.cjs"),
  codeCached: join(distDir, "code-cached.cjs"),
  cli: join(repoDir, "packages/cli/dist/bindings.cjs"),
  empty: join(here, "clients/empty.mjs")
}

interface Target {
  readonly origin: string
  readonly service: string
  readonly account: string
  readonly token: string
}

const runClient = (client: Client, kase: Case, target: Target): Promise<Sample> =>
  new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), "bench-"))
    const usageFile = join(dir, "usage.json")
    const stdout = client.stdout === "devnull" ? openSync("/dev/null", "w") : "ignore"
    const child = spawn(process.execPath, [
      "--import",
      pathToFileURL(join(here, "usage.mjs")).href,
      client.script,
      ...(client.args ?? []).map((arg) =>
        arg.replace("$SERVICE", target.service).replace("$PAGE_SIZE", String(kase.pageSize)).replace(
          "$LIMIT",
          String(kase.limit ?? "")
        )
      )
    ], {
      stdio: ["ignore", stdout, "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        BENCH_USAGE_FILE: usageFile,
        ORIGIN: target.origin,
        SERVICE: target.service,
        ACCOUNT: target.account,
        TOKEN: target.token,
        TWILIO_ACCOUNT_SID: target.account,
        TWILIO_AUTH_TOKEN: target.token,
        TWILIO_CHAT_BASE_URL: target.origin,
        PAGE_SIZE: String(kase.pageSize),
        CONSUMER_MS: String(kase.consumerMs),
        ...(kase.limit === undefined ? {} : { LIMIT: String(kase.limit) }),
        ...client.env
      }
    })
    let stderr = ""
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on("error", reject)
    child.on("exit", (code) => {
      try {
        if (code !== 0) throw new Error(`${client.name} exited with ${code}: ${stderr.slice(0, 2000)}`)
        const usage = JSON.parse(readFileSync(usageFile, "utf8")) as Sample
        if (usage.count !== -1 && usage.count !== expectedCount(kase)) {
          throw new Error(`${client.name} listed ${usage.count} bindings, expected ${expectedCount(kase)}`)
        }
        resolve(usage)
      } catch (error) {
        reject(error)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })

/** Runs a case: starts its fake, a warm-up round, then `rounds` rounds (or the case's own) alternating the clients. */
export const runCase = (kase: Case, runRounds: number, log: (line: string) => void) =>
  Effect.scoped(Effect.gen(function*() {
    const rounds = kase.rounds ?? runRounds
    const fake = yield* FakeTwilioServer.make({
      services: [{ seed: 7, count: kase.count }],
      latency: `${kase.latencyMs} millis`
    })
    const target: Target = {
      origin: fake.origin,
      service: fake.serviceSid,
      account: fake.accountSid,
      token: Redacted.value(fake.authToken)
    }
    const samples = new Map<string, Array<Sample>>(kase.clients.map((c) => [c.name, []]))
    for (let round = 0; round <= rounds; round++) {
      for (const client of kase.clients) {
        const sample = yield* Effect.promise(() => runClient(client, kase, target))
        if (round > 0) samples.get(client.name)!.push(sample)
        yield* fake.clearRequests
      }
      log(`  ${kase.id}: round ${round === 0 ? "warm-up" : `${round}/${rounds}`} done`)
    }
    return summarise(kase, samples)
  }))

const summarise = (kase: Case, samples: ReadonlyMap<string, ReadonlyArray<Sample>>): ReadonlyArray<Summary> => {
  const cpu = (name: string) => {
    const runs = samples.get(name)
    return runs === undefined ? undefined : stat(runs.map((s) => s.cpuMs)).median
  }
  const wall = (name: string) => {
    const runs = samples.get(name)
    return runs === undefined ? undefined : stat(runs.map((s) => s.wallMs)).median
  }
  const floorName = kase.clients.find((c) => c.name.startsWith("floor"))?.name
  const sdkName = kase.clients.find((c) => c.name.startsWith("sdk"))?.name
  const ratio = (a: number, b: number | undefined) => b === undefined ? undefined : a / b
  return kase.clients.map((client) => {
    const runs = samples.get(client.name)!
    const cpuMs = stat(runs.map((s) => s.cpuMs))
    const wallMs = stat(runs.map((s) => s.wallMs))
    return {
      client: client.name,
      runs: runs.length,
      cpuMs,
      wallMs,
      peakRssMb: stat(runs.map((s) => s.peakRssMb)),
      bindingsPerSecond: expectedCount(kase) / (wallMs.median / 1000),
      cpuVsFloor: floorName === undefined ? undefined : ratio(cpuMs.median, cpu(floorName)),
      cpuVsSdk: sdkName === undefined ? undefined : ratio(cpuMs.median, cpu(sdkName)),
      wallVsSdk: sdkName === undefined ? undefined : ratio(wallMs.median, wall(sdkName))
    }
  })
}

/** Decoding alone: Schema decode vs the WireDecoder fast path, bindings per CPU second. */
export const decodeBench = (count: number, rounds: number) =>
  Effect.sync(() => {
    const text = JSON.stringify(Generators.generateBindings({ seed: 7, count }))
    const schemaDecode = Schema.decodeUnknownSync(Schema.Array(Binding.Binding))
    const measure = (decode: (u: unknown) => unknown) => {
      const times: Array<number> = []
      for (let round = 0; round <= rounds; round++) {
        const input: unknown = JSON.parse(text)
        const before = process.cpuUsage()
        decode(input)
        const used = process.cpuUsage(before)
        if (round > 0) times.push((used.user + used.system) / 1000)
      }
      const cpuMs = stat(times)
      return { cpuMs, bindingsPerSecond: count / (cpuMs.median / 1000) }
    }
    return {
      count,
      schema: measure(schemaDecode),
      wireDecoder: measure((u) => Either.getOrThrow(WireDecoder.decodeBindings(u)))
    }
  })

/** CPU milliseconds of `f`, and what it returned. */
const cpuOf = async <A>(f: () => A | Promise<A>): Promise<{ readonly cpuMs: number; readonly value: A }> => {
  const before = process.cpuUsage()
  const value = await f()
  const used = process.cpuUsage(before)
  return { cpuMs: (used.user + used.system) / 1000, value }
}

/**
 * The fake's own cost, which every case's wall time includes: generating a store of `count` bindings,
 * and serving all of them at PageSize 1000 through the in-memory fake (the handler the loopback
 * server runs, without the socket).
 */
export const fakeBench = (count: number, rounds: number) =>
  Effect.promise(async () => {
    const generate: Array<number> = []
    const serve: Array<number> = []
    for (let round = 0; round <= rounds; round++) {
      const generated = await cpuOf(() => Generators.generateStore({ seed: 7, count }))
      const served = await cpuOf(() =>
        Effect.runPromise(Effect.gen(function*() {
          const { client, fake } = yield* FakeTwilio.make({ services: [{ store: generated.value }] })
          let url: string | null = fake.firstPageUrl(fake.serviceSid, { pageSize: 1000 })
          let bindings = 0
          while (url !== null) {
            const response = yield* client.execute(
              HttpClientRequest.get(url).pipe(
                HttpClientRequest.basicAuth(fake.accountSid, fake.authToken)
              )
            )
            const page = (yield* response.json) as {
              readonly meta: { readonly next_page_url: string | null }
              readonly bindings: ReadonlyArray<unknown>
            }
            bindings += page.bindings.length
            url = page.meta.next_page_url
          }
          if (bindings !== count) throw new Error(`the fake served ${bindings} bindings, expected ${count}`)
        }))
      )
      if (round > 0) {
        generate.push(generated.cpuMs)
        serve.push(served.cpuMs)
      }
    }
    return { count, generateCpuMs: stat(generate), serveCpuMs: stat(serve) }
  })

export const machine = () => ({
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  node: process.version,
  date: new Date().toISOString()
})

export const writeJson = (file: string, value: unknown) => writeFileSync(file, JSON.stringify(value, null, 2) + "\n")
