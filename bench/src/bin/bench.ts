/**
 * `pnpm bench [--quick]`: the side-by-side benchmark (see README.md in this folder). Writes
 * RESULTS.md and results.json (RESULTS.quick.md / results.quick.json with --quick).
 */
import { Command, Options } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Case, Client, Summary } from "../Bench.js"
import { bundle, decodeBench, fakeBench, machine, runCase, scripts, writeJson } from "../Bench.js"
import { renderReport, targets } from "../Report.js"

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "../..")

const floor: Client = { name: "floor", script: scripts.floor, stdout: "ignore" }
const sdk: Client = { name: "sdk", script: scripts.sdk, stdout: "ignore" }
const lib = (prefetch = 0): Client => ({
  name: prefetch === 0 ? "lib" : `lib prefetch ${prefetch}`,
  script: scripts.lib,
  env: { PREFETCH: String(prefetch) },
  stdout: "ignore"
})
const floorExport: Client = { name: "floor export", script: scripts.floorExport, stdout: "devnull" }
const sdkExport: Client = { name: "sdk export", script: scripts.sdk, env: { MODE: "export" }, stdout: "devnull" }
// the CLI as it is installed: its own bundle (the package's bin) run by node
const cliExport: Client = {
  name: "cli jsonl",
  script: scripts.cli,
  args: ["list", "--format", "jsonl", "--service", "$SERVICE", "--page-size", "$PAGE_SIZE"],
  stdout: "devnull"
}
const cliStartup: Client = {
  name: "cli",
  script: scripts.cli,
  args: ["list", "--service", "$SERVICE", "--limit", "$LIMIT"],
  stdout: "devnull"
}
const empty: Client = { name: "node (empty program)", script: scripts.empty, stdout: "ignore" }
// the library on node:http (the CLI's transport): less to load and less memory than undici, which the README weighs
const libNodeHttp: Client = { name: "lib node:http", script: scripts.libNodeHttp, stdout: "ignore" }
// Effect's own modules loaded and used once, no request: the part of the library's startup that is Effect's
const effectAlone: Client = { name: "effect alone (no request)", script: scripts.effectAlone, stdout: "ignore" }
// the floor's loop on Effect's HttpClient (undici, as lib): what a library on it pays before its own work
const effectFloor: Client = { name: "effect floor", script: scripts.effectFloor, stdout: "ignore" }
// the same with a timeout per request, as the library's attempts have
const effectFloorTimeout: Client = {
  name: "effect floor + timeout",
  script: scripts.effectFloor,
  env: { TIMEOUT: "1" },
  stdout: "ignore"
}

// the same validating each page with the library's check: what a validating library on it pays at the least
const effectFloorValidating: Client = {
  name: "effect floor + timeout + validation",
  script: scripts.effectFloorValidating,
  env: { TIMEOUT: "1" },
  stdout: "ignore"
}

// the export floor's loop on Effect's HttpClient, with the timeout: the same floor under the CLI's export
const effectFloorExport: Client = {
  name: "effect floor export + timeout",
  script: scripts.effectFloor,
  env: { TIMEOUT: "1", MODE: "export" },
  stdout: "devnull"
}
// the same as the CLI's bin runs: on node:http, its bundle run with the code cache; then also
// validating each page with the library's check, as the CLI's export does (the floor under it)
const effectFloorNodeHttpExport = (validating: boolean): Client => ({
  name: `effect floor node:http export + timeout${validating ? " + validation" : ""}`,
  script: scripts.codeCached,
  env: {
    BENCH_BUNDLE: validating ? scripts.effectFloorNodeHttpValidating : scripts.effectFloorNodeHttp,
    TIMEOUT: "1",
    MODE: "export"
  },
  stdout: "devnull"
})

const listing = (
  id: string,
  count: number,
  pageSize: number,
  more: ReadonlyArray<Client> = []
): Case => ({
  id,
  title: `list ${count.toLocaleString("en")} bindings, PageSize ${pageSize}`,
  count,
  pageSize,
  latencyMs: 0,
  consumerMs: 0,
  clients: [floor, sdk, lib(), ...more]
})

const exporting = (id: string, count: number, pageSize: number): Case => ({
  id,
  title: `export ${count.toLocaleString("en")} bindings as JSON lines to /dev/null, PageSize ${pageSize}`,
  count,
  pageSize,
  latencyMs: 0,
  consumerMs: 0,
  clients: [
    floorExport,
    sdkExport,
    cliExport,
    effectFloorExport,
    effectFloorNodeHttpExport(false),
    effectFloorNodeHttpExport(true)
  ]
})

/** The cases; `quick` shrinks the data (and the startup case's rounds). */
export const cases = (quick: boolean): ReadonlyArray<Case> => {
  const k = quick ? 10 : 1
  return [
    {
      id: "startup",
      title: "startup: a program that lists 10 bindings (one request, PageSize 10; the CLI: `list --limit 10`)",
      count: 1000,
      pageSize: 10,
      limit: 10,
      latencyMs: 0,
      consumerMs: 0,
      // a short process varies more from run to run; it is cheap to run more often
      rounds: quick ? 4 : 10,
      clients: [empty, effectAlone, floor, sdk, lib(), libNodeHttp, cliStartup]
    },
    listing("list-100k-1000", 100_000 / k, 1000, [libNodeHttp, effectFloor, effectFloorTimeout, effectFloorValidating]),
    listing("list-100k-50", 100_000 / k, 50, [libNodeHttp, effectFloor, effectFloorTimeout, effectFloorValidating]),
    exporting("export-100k-1000", 100_000 / k, 1000),
    exporting("export-100k-50", 100_000 / k, 50),
    listing("list-10k-1000", 10_000 / k, 1000),
    listing("list-1m-1000", quick ? 20_000 : 1_000_000, 1000, [effectFloorTimeout, effectFloorValidating]),
    {
      id: "latency",
      title: `${
        (20_000 / k).toLocaleString("en")
      } bindings, PageSize 100, 20 ms latency per request, consumer 20 ms per page`,
      count: 20_000 / k,
      pageSize: 100,
      latencyMs: 20,
      consumerMs: 20,
      clients: [sdk, lib(0), lib(1)]
    }
  ]
}

const quick = Options.boolean("quick").pipe(
  Options.withDescription("a small version (under a minute): a tenth of the data, 2 rounds")
)
const rounds = Options.integer("rounds").pipe(
  Options.withDefault(5),
  Options.withDescription("measured rounds per case after the warm-up (default 5; 2 with --quick)")
)

const bench = Command.make("bench", { quick, rounds }, ({ quick, rounds }) =>
  Effect.gen(function*() {
    const n = quick ? Math.min(rounds, 2) : rounds
    yield* Console.log(`bundling the clients…`)
    yield* bundle()
    const results: Record<string, ReadonlyArray<Summary>> = {}
    const all = cases(quick)
    for (const kase of all) {
      yield* Console.log(`${kase.id}: ${kase.title}`)
      results[kase.id] = yield* runCase(kase, n, (line) => process.stdout.write(`${line}\n`))
    }
    yield* Console.log("decoding alone…")
    const decoding = yield* decodeBench(quick ? 10_000 : 100_000, quick ? 2 : 5)
    yield* Console.log("the fake alone…")
    const fake = yield* fakeBench(quick ? 10_000 : 100_000, quick ? 2 : 5)
    const report = {
      machine: machine(),
      quick,
      rounds: n,
      cases: all,
      results,
      decoding,
      fake,
      targets: targets(all, results)
    }
    const suffix = quick ? ".quick" : ""
    writeJson(join(benchDir, `results${suffix}.json`), report)
    writeFileSync(join(benchDir, `RESULTS${suffix}.md`), renderReport(report))
    yield* Console.log(renderReport(report))
  }))

Command.run(bench, { name: "bench", version: "0.1.0" })(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain
)
