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
  /**
   * The target is missed by the cheapest program measured that does what it asks (an Effect floor,
   * Effect alone, the floor's own growth): no change to this library can meet it.
   */
  readonly outOfReach: boolean
}

const find = (results: Record<string, ReadonlyArray<Summary>>, id: string, client: string) =>
  results[id]?.find((s) => s.client === client)

const fmt = (n: number | undefined, digits = 2) => n === undefined ? "–" : n.toFixed(digits)

/**
 * A ratio target: `measured` is met when at most `max` (below it, with `strict`). `bounds`: the same
 * ratio of the cheapest programs that do what the target asks; when the lowest of them is over `max`
 * too, the target is out of reach.
 */
const ratioTarget = (
  name: string,
  ratio: number | undefined,
  max: number,
  options: {
    readonly strict?: boolean
    readonly detail?: string
    readonly bounds?: ReadonlyArray<number | undefined>
  } = {}
): Target => {
  const met = ratio === undefined ? undefined : options.strict === true ? ratio < max : ratio <= max
  const bounds = (options.bounds ?? []).filter((bound) => bound !== undefined)
  return {
    name,
    goal: `${options.strict === true ? "<" : "≤"} ${max}x`,
    measured: ratio === undefined ? "–" : `${fmt(ratio)}x${options.detail === undefined ? "" : ` (${options.detail})`}`,
    met,
    outOfReach: met === false && bounds.length > 0 && Math.min(...bounds) > max
  }
}

/** The "met" cell of a target. */
const verdict = (target: Target) =>
  target.met === undefined
    ? "–"
    : target.met
    ? "yes"
    : target.outOfReach
    ? "**no**: out of reach (the cheapest program that does the same misses it too)"
    : "**no**"

const divide = (a: number | undefined, b: number | undefined) => a === undefined || b === undefined ? undefined : a / b

/** Every target of the library's performance, checked against a run's results. */
export const targets = (
  cases: ReadonlyArray<Case>,
  results: Record<string, ReadonlyArray<Summary>>
): ReadonlyArray<Target> => {
  const count = (id: string) => (cases.find((c) => c.id === id)?.count ?? 0).toLocaleString("en")
  const lib = find(results, "list-100k-1000", "lib")
  const libRss = lib?.peakRssMb.median
  const floorRss = find(results, "list-100k-1000", "floor")?.peakRssMb.median
  const rss10k = find(results, "list-10k-1000", "lib")?.peakRssMb.median
  const rss1m = find(results, "list-1m-1000", "lib")?.peakRssMb.median
  // the floor's own growth from 10k to 1M: how much of it is V8 sizing its heap, not anything kept
  const floorGrowth = divide(
    find(results, "list-1m-1000", "floor")?.peakRssMb.median,
    find(results, "list-10k-1000", "floor")?.peakRssMb.median
  )
  const startupFloor = find(results, "startup", "floor")?.cpuMs.median
  const startupNode = find(results, "startup", "node (empty program)")?.cpuMs.median
  const effectAlone = find(results, "startup", "effect alone (no request)")?.cpuMs.median
  const startup = (client: string) => {
    const cpu = find(results, "startup", client)?.cpuMs.median
    // a program: Effect's own load is a floor under it, shown beside it
    const own = client === "cli" || effectAlone === undefined
      ? ""
      : `; Effect alone, no request: ${fmt(effectAlone, 0)} ms, ${fmt(divide(effectAlone, startupFloor))}x`
    return ratioTarget(
      `startup CPU, ${
        client === "cli" ? "the CLI's bin (`list --limit 10`)" : "a program"
      } listing 10 bindings, vs the floor's`,
      divide(cpu, startupFloor),
      1.5,
      {
        detail: `${fmt(cpu, 0)} ms vs ${fmt(startupFloor, 0)} ms; an empty node: ${fmt(startupNode, 0)} ms${own}`,
        // a program's run includes loading Effect; the CLI's bin loads it from its code cache
        bounds: client === "cli" ? [] : [divide(effectAlone, startupFloor)]
      }
    )
  }
  /** A target's detail: the notes that were measured, joined. */
  const details = (...notes: ReadonlyArray<string | undefined>) => {
    const text = notes.filter((note) => note !== undefined).join("; ")
    return text === "" ? {} : { detail: text }
  }
  const cpuVsFloor = (id: string, client: string) => find(results, id, client)?.cpuVsFloor
  const note = (label: string, ratio: number | undefined) =>
    ratio === undefined ? undefined : `${label}: ${fmt(ratio)}x`
  // The floor's loop on Effect's HttpClient with a timeout per request, and the same validating each
  // page with the library's check: no library on it that validates, as this one must, does less, so
  // the validating floor's ratio bounds the library's (the other's where it was not measured).
  const effectFloor = (id: string, ...notes: ReadonlyArray<string>) => {
    const ratio = cpuVsFloor(id, "effect floor + timeout")
    const validating = cpuVsFloor(id, "effect floor + timeout + validation")
    return {
      ...details(
        ...notes,
        note("the Effect floor with a timeout", ratio),
        note("the same validating each page", validating)
      ),
      bounds: [validating ?? ratio]
    }
  }
  const effectFloorRss = find(results, "list-100k-1000", "effect floor + timeout")?.peakRssMb.median
  const validatingFloorRss = find(results, "list-100k-1000", "effect floor + timeout + validation")?.peakRssMb.median
  const cliExport = (id: string) => {
    const kase = cases.find((c) => c.id === id)
    const undici = cpuVsFloor(id, "effect floor export + timeout")
    const validating = cpuVsFloor(id, "effect floor node:http export + timeout + validation")
    return ratioTarget(
      `CPU, the CLI's bin exporting ${count(id)} as JSON lines at PageSize ${
        kase?.pageSize ?? "–"
      }, vs the export floor`,
      cpuVsFloor(id, "cli jsonl"),
      1.3,
      {
        ...details(
          `vs the SDK's export: ${fmt(find(results, id, "cli jsonl")?.cpuVsSdk)}x`,
          note("the Effect floor's export with a timeout on undici", undici),
          note(
            "on node:http with the code cache, as the bin runs",
            cpuVsFloor(id, "effect floor node:http export + timeout")
          ),
          note("the same validating each page", validating)
        ),
        // the cheaper of the export floors on either transport (on undici, even without validation)
        bounds: [undici, validating]
      }
    )
  }
  return [
    ratioTarget(
      `CPU, ${count("list-100k-1000")} at PageSize 1000, vs the floor`,
      lib?.cpuVsFloor,
      1.3,
      effectFloor("list-100k-1000")
    ),
    ratioTarget(`CPU, ${count("list-100k-1000")} at PageSize 1000, vs the official SDK`, lib?.cpuVsSdk, 1, {
      strict: true
    }),
    ratioTarget(
      `CPU, ${count("list-100k-50")} at PageSize 50, vs the floor`,
      find(results, "list-100k-50", "lib")?.cpuVsFloor,
      1.3,
      effectFloor("list-100k-50", `vs the SDK: ${fmt(find(results, "list-100k-50", "lib")?.cpuVsSdk)}x`)
    ),
    ratioTarget(
      `CPU, ${count("list-1m-1000")} at PageSize 1000, vs the floor`,
      find(results, "list-1m-1000", "lib")?.cpuVsFloor,
      1.15,
      effectFloor("list-1m-1000")
    ),
    cliExport("export-100k-1000"),
    cliExport("export-100k-50"),
    startup("lib"),
    startup("cli"),
    ratioTarget(
      `peak RSS listing ${count("list-1m-1000")} vs listing ${count("list-10k-1000")}`,
      divide(rss1m, rss10k),
      1.2,
      {
        detail: `${fmt(rss1m, 0)} MB vs ${fmt(rss10k, 0)} MB; the floor's own: ${fmt(floorGrowth)}x`,
        bounds: [floorGrowth]
      }
    ),
    ratioTarget(
      `peak RSS listing ${count("list-100k-1000")}, vs the floor's`,
      divide(libRss, floorRss),
      1.2,
      {
        ...details(
          `${fmt(libRss, 0)} MB vs ${fmt(floorRss, 0)} MB`,
          effectFloorRss === undefined
            ? undefined
            : `the Effect floor with a timeout: ${fmt(effectFloorRss, 0)} MB, ${
              fmt(divide(effectFloorRss, floorRss))
            }x`,
          validatingFloorRss === undefined
            ? undefined
            : `validating each page: ${fmt(validatingFloorRss, 0)} MB, ${fmt(divide(validatingFloorRss, floorRss))}x`
        ),
        bounds: [divide(validatingFloorRss ?? effectFloorRss, floorRss)]
      }
    ),
    ratioTarget(
      "wall time with 20 ms latency and a 20 ms/page consumer, prefetch 1 vs the SDK",
      find(results, "latency", "lib prefetch 1")?.wallVsSdk,
      0.6
    )
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
    lines.push(`| ${t.name} | ${t.goal} | ${t.measured} | ${verdict(t)} |`)
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
