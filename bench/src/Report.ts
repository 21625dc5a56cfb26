/**
 * The benchmark's report: the targets of DESIGN.md checked against the measurements, and the
 * Markdown written to RESULTS.md.
 */
import type { Case, Stat, Summary } from "./Bench.js"

export interface Target {
  readonly name: string
  readonly goal: string
  readonly measured: string
  readonly met: boolean | undefined
}

const find = (results: Record<string, ReadonlyArray<Summary>>, id: string, client: string) =>
  results[id]?.find((s) => s.client === client)

const fmt = (n: number | undefined, digits = 2) => n === undefined ? "–" : n.toFixed(digits)

export const targets = (
  cases: ReadonlyArray<Case>,
  results: Record<string, ReadonlyArray<Summary>>
): ReadonlyArray<Target> => {
  const count = (id: string) => (cases.find((c) => c.id === id)?.count ?? 0).toLocaleString("en")
  const lib = find(results, "list-100k-1000", "lib")
  const rss10k = find(results, "list-10k-1000", "lib")?.peakRssMb.median
  const rss1m = find(results, "list-1m-1000", "lib")?.peakRssMb.median
  const prefetch = find(results, "latency", "lib prefetch 1")
  const cli = find(results, "export-100k", "cli jsonl")
  return [
    {
      name: `CPU, ${count("list-100k-1000")} at PageSize 1000, vs the floor`,
      goal: "≤ 1.3x",
      measured: `${fmt(lib?.cpuVsFloor)}x`,
      met: lib?.cpuVsFloor === undefined ? undefined : lib.cpuVsFloor <= 1.3
    },
    {
      name: `CPU, ${count("list-100k-1000")} at PageSize 1000, vs the official SDK`,
      goal: "< 1x",
      measured: `${fmt(lib?.cpuVsSdk)}x`,
      met: lib?.cpuVsSdk === undefined ? undefined : lib.cpuVsSdk < 1
    },
    {
      name: `peak RSS listing ${count("list-1m-1000")} vs listing ${count("list-10k-1000")}`,
      goal: "≤ 1.2x",
      measured: rss10k === undefined || rss1m === undefined
        ? "–"
        : `${fmt(rss1m / rss10k)}x (${fmt(rss1m, 0)} MB vs ${fmt(rss10k, 0)} MB)`,
      met: rss10k === undefined || rss1m === undefined ? undefined : rss1m / rss10k <= 1.2
    },
    {
      name: "wall time with 20 ms latency and a 20 ms/page consumer, prefetch 1 vs the SDK",
      goal: "≤ 0.6x",
      measured: `${fmt(prefetch?.wallVsSdk)}x`,
      met: prefetch?.wallVsSdk === undefined ? undefined : prefetch.wallVsSdk <= 0.6
    },
    {
      name: `CPU, exporting ${count("export-100k")} as JSON lines, CLI vs the SDK (JSON.stringify per binding)`,
      goal: "< 1x (no target in DESIGN; reported)",
      measured: `${fmt(cli?.cpuVsSdk)}x (floor ratio ${fmt(cli?.cpuVsFloor)}x)`,
      met: cli?.cpuVsSdk === undefined ? undefined : cli.cpuVsSdk < 1
    }
  ]
}

const range = (s: Stat, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`

export interface Report {
  readonly machine: { readonly cpu: string; readonly cores: number; readonly node: string; readonly date: string }
  readonly quick: boolean
  readonly rounds: number
  readonly cases: ReadonlyArray<Case>
  readonly results: Record<string, ReadonlyArray<Summary>>
  readonly decoding: {
    readonly count: number
    readonly schema: { readonly cpuMs: Stat; readonly bindingsPerSecond: number }
    readonly wireDecoder: { readonly cpuMs: Stat; readonly bindingsPerSecond: number }
  }
  /** Absent from reports written before it was measured. */
  readonly fake?: {
    readonly count: number
    readonly generateCpuMs: Stat
    readonly serveCpuMs: Stat
  }
  readonly targets: ReadonlyArray<Target>
}

export const renderReport = (report: Report): string => {
  const lines: Array<string> = []
  lines.push(`# Benchmark results${report.quick ? " (quick)" : ""}`, "")
  lines.push(
    `${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}, ${report.machine.date}.`,
    `${report.rounds} measured rounds per case after a warm-up, clients alternating; medians with (min–max).`,
    "CPU is the client process's own user+sys time; the fake Twilio runs in the parent process.",
    ""
  )
  lines.push("## Targets", "", "| target | goal | measured | met |", "| --- | --- | --- | --- |")
  for (const t of report.targets) {
    lines.push(`| ${t.name} | ${t.goal} | ${t.measured} | ${t.met === undefined ? "–" : t.met ? "yes" : "**no**"} |`)
  }
  lines.push("")
  for (const kase of report.cases) {
    lines.push(`## ${kase.title}`, "")
    lines.push(
      "| client | CPU ms | wall ms | peak RSS MB | bindings/s | CPU ÷ floor | CPU ÷ SDK | wall ÷ SDK |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |"
    )
    for (const s of report.results[kase.id] ?? []) {
      lines.push(
        `| ${s.client} | ${range(s.cpuMs)} | ${range(s.wallMs)} | ${range(s.peakRssMb)} | ${
          Math.round(s.bindingsPerSecond).toLocaleString("en")
        } | ${fmt(s.cpuVsFloor)} | ${fmt(s.cpuVsSdk)} | ${fmt(s.wallVsSdk)} |`
      )
    }
    lines.push("")
  }
  const d = report.decoding
  lines.push(`## Decoding alone (${d.count.toLocaleString("en")} wire bindings, CPU)`, "")
  lines.push("| decoder | CPU ms | bindings/s |", "| --- | --- | --- |")
  lines.push(
    `| Schema.decodeUnknownSync(Schema.Array(Binding)) | ${range(d.schema.cpuMs)} | ${
      Math.round(d.schema.bindingsPerSecond).toLocaleString("en")
    } |`
  )
  lines.push(
    `| WireDecoder.decodeBindings (same result, proven by property test) | ${range(d.wireDecoder.cpuMs)} | ${
      Math.round(d.wireDecoder.bindingsPerSecond).toLocaleString("en")
    } |`
  )
  lines.push("")
  const f = report.fake
  if (f !== undefined) {
    lines.push(`## The fake alone (${f.count.toLocaleString("en")} bindings, CPU of the benchmark's own process)`, "")
    lines.push("| step | CPU ms |", "| --- | --- |")
    lines.push(`| generate the store | ${range(f.generateCpuMs)} |`)
    lines.push(`| serve every page at PageSize 1000 in memory (and JSON.parse each) | ${range(f.serveCpuMs)} |`)
    lines.push("")
  }
  return lines.join("\n")
}
