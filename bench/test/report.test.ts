import { assert, describe, it } from "@effect/vitest"
import type { Case, Summary } from "../src/Bench.js"
import { stat } from "../src/Bench.js"
import { renderReport, targets } from "../src/Report.js"

const summary = (client: string, cpu: number, extra: Partial<Summary> = {}): Summary => ({
  client,
  runs: 5,
  cpuMs: stat([cpu]),
  wallMs: stat([cpu]),
  peakRssMb: stat([100]),
  bindingsPerSecond: 1000,
  cpuVsFloor: undefined,
  cpuVsSdk: undefined,
  wallVsSdk: undefined,
  ...extra
})

const kase = (id: string, count: number): Case => ({
  id,
  title: id,
  count,
  pageSize: 1000,
  latencyMs: 0,
  consumerMs: 0,
  clients: []
})

describe("bench report", () => {
  it("takes the median of odd and even counts, with min and max", () => {
    assert.deepStrictEqual(stat([5, 1, 3]), { median: 3, min: 1, max: 5 })
    assert.deepStrictEqual(stat([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4 })
  })

  it("checks each target against its goal and names the data sizes", () => {
    const cases = [
      kase("list-100k-1000", 100_000),
      kase("list-10k-1000", 10_000),
      kase("list-1m-1000", 1_000_000),
      { ...kase("export-100k-50", 100_000), pageSize: 50 }
    ]
    const results = {
      "startup": [
        summary("floor", 200),
        summary("effect alone (no request)", 250),
        summary("lib", 290),
        summary("cli", 310)
      ],
      "list-100k-1000": [
        summary("floor", 1000, { peakRssMb: stat([100]) }),
        summary("lib", 1250, { cpuVsFloor: 1.25, cpuVsSdk: 0.9, peakRssMb: stat([121]) }),
        summary("effect floor + timeout", 1120, { cpuVsFloor: 1.12, peakRssMb: stat([115]) })
      ],
      "list-100k-50": [
        summary("lib", 1250, { cpuVsFloor: 1.31 }),
        summary("effect floor + timeout", 1200, { cpuVsFloor: 1.34 })
      ],
      "list-1m-1000": [
        summary("floor", 100, { peakRssMb: stat([140]) }),
        summary("lib", 100, { peakRssMb: stat([130]), cpuVsFloor: 1.15 })
      ],
      "list-10k-1000": [
        summary("floor", 100, { peakRssMb: stat([100]) }),
        summary("lib", 100, { peakRssMb: stat([100]) })
      ],
      "export-100k-1000": [summary("cli jsonl", 100, { cpuVsFloor: 1.3 })],
      "export-100k-50": [
        summary("cli jsonl", 100, { cpuVsFloor: 1.4, cpuVsSdk: 0.9 }),
        summary("effect floor export + timeout", 90, { cpuVsFloor: 1.33 }),
        summary("effect floor node:http export + timeout", 95, { cpuVsFloor: 1.36 }),
        summary("effect floor node:http export + timeout + validation", 99, { cpuVsFloor: 1.38 })
      ],
      "latency": [summary("lib prefetch 1", 100, { wallVsSdk: 0.6 })]
    }
    const checked = targets(cases, results)
    assert.deepStrictEqual(checked.map((t) => [t.goal, t.met]), [
      ["≤ 1.3x", true], // 100k vs floor
      ["< 1x", true], // vs the SDK
      ["≤ 1.3x", false], // PageSize 50
      ["≤ 1.15x", true], // 1M, at the limit
      ["≤ 1.3x", true], // CLI export, at the limit
      ["≤ 1.3x", false], // CLI export at PageSize 50
      ["≤ 1.5x", true], // startup: 290 / 200
      ["≤ 1.5x", false], // the CLI's: 310 / 200
      ["≤ 1.2x", false], // RSS 1M vs 10k: 1.3
      ["≤ 1.2x", false], // RSS vs the floor's: 1.21
      ["≤ 0.6x", true] // prefetch 1, at the limit
    ])
    // out of reach where the cheapest program measured for the target misses it as well
    assert.deepStrictEqual(checked.map((t) => t.outOfReach), [
      false, // met
      false, // met
      true, // PageSize 50: the Effect floor is 1.34x
      false, // met
      false, // met
      true, // the CLI's export at PageSize 50: the cheaper floor (undici, 1.33x) misses too
      false, // met
      false, // the CLI's startup: no floor bounds it
      true, // RSS growth: the floor's own is 1.40x
      false, // RSS vs the floor's: the Effect floor's 1.15x is within the goal
      false // met
    ])
    assert.include(checked[0]?.name ?? "", "100,000")
    assert.include(checked[5]?.name ?? "", "PageSize 50")
    assert.include(
      checked[5]?.measured ?? "",
      "1.40x (vs the SDK's export: 0.90x; the Effect floor's export with a timeout on undici: 1.33x; on node:http with the code cache, as the bin runs: 1.36x; the same validating each page: 1.38x)"
    )
    assert.include(checked[4]?.measured ?? "", "1.30x (vs the SDK's export: –x)")
    assert.include(checked[6]?.measured ?? "", "1.45x (290 ms vs 200 ms")
    assert.include(checked[6]?.measured ?? "", "Effect alone, no request: 250 ms, 1.25x")
    assert.notInclude(checked[7]?.measured ?? "", "Effect alone")
    assert.include(checked[8]?.measured ?? "", "1.30x (130 MB vs 100 MB; the floor's own: 1.40x)")
    // the Effect floor beside the library's ratios, where its case measured it
    assert.include(checked[0]?.measured ?? "", "1.25x (the Effect floor with a timeout: 1.12x)")
    assert.include(checked[2]?.measured ?? "", "(vs the SDK: –x; the Effect floor with a timeout: 1.34x)")
    assert.notInclude(checked[3]?.measured ?? "", "Effect floor")
    assert.include(checked[9]?.measured ?? "", "121 MB vs 100 MB; the Effect floor with a timeout: 115 MB, 1.15x")
  })

  it("leaves a target unmeasured when its case did not run", () => {
    const checked = targets([], { "list-100k-1000": [summary("lib", 1250, { cpuVsFloor: 1.25 })] })
    assert.deepStrictEqual(checked.map((t) => t.met), [
      true,
      ...Array.from({ length: checked.length - 1 }, () => undefined)
    ])
  })

  it("calls a target out of reach only when every program that bounds it misses it too", () => {
    const cases = [kase("export-100k-1000", 100_000)]
    const exportTarget = (undici: number, validating: number) =>
      targets(cases, {
        "export-100k-1000": [
          summary("cli jsonl", 140, { cpuVsFloor: 1.4 }),
          summary("effect floor export + timeout", 100, { cpuVsFloor: undici }),
          summary("effect floor node:http export + timeout + validation", 100, { cpuVsFloor: validating })
        ]
      })[4]
    assert.strictEqual(exportTarget(1.32, 1.35)?.outOfReach, true)
    assert.strictEqual(exportTarget(1.25, 1.35)?.outOfReach, false)
    assert.strictEqual(exportTarget(1.35, 1.3)?.outOfReach, false)
  })

  it("bounds a listing target by the Effect floor that validates, where it was measured", () => {
    const cases = [kase("list-1m-1000", 1_000_000), kase("list-100k-1000", 100_000)]
    const checked = (validating: boolean) =>
      targets(cases, {
        "list-1m-1000": [
          summary("lib", 130, { cpuVsFloor: 1.3 }),
          summary("effect floor + timeout", 110, { cpuVsFloor: 1.1 }),
          ...(validating ? [summary("effect floor + timeout + validation", 120, { cpuVsFloor: 1.2 })] : [])
        ],
        "list-100k-1000": [
          summary("floor", 100, { peakRssMb: stat([100]) }),
          summary("lib", 100, { peakRssMb: stat([130]) }),
          summary("effect floor + timeout", 100, { peakRssMb: stat([110]) }),
          ...(validating ? [summary("effect floor + timeout + validation", 100, { peakRssMb: stat([125]) })] : [])
        ]
      })
    const [withFloor, without] = [checked(true), checked(false)]
    assert.strictEqual(withFloor[3]?.outOfReach, true) // 1M: the validating floor is 1.2x, over 1.15x
    assert.include(
      withFloor[3]?.measured ?? "",
      "the Effect floor with a timeout: 1.10x; the same validating each page: 1.20x"
    )
    assert.strictEqual(without[3]?.outOfReach, false) // 1.1x alone is within the goal
    assert.strictEqual(withFloor[9]?.outOfReach, true) // RSS: 125 MB, 1.25x
    assert.include(withFloor[9]?.measured ?? "", "validating each page: 125 MB, 1.25x")
    assert.strictEqual(without[9]?.outOfReach, false)
  })

  it("renders a table per case and the targets", () => {
    const cases = [kase("list-100k-1000", 100_000)]
    const results = {
      "list-100k-1000": [
        summary("floor", 1000),
        summary("lib", 2000, { cpuVsFloor: 2 }),
        summary("effect floor + timeout", 1400, { cpuVsFloor: 1.4 })
      ]
    }
    const text = renderReport({
      machine: { cpu: "cpu", cores: 2, node: "v20", date: "today" },
      quick: false,
      rounds: 5,
      cases,
      results,
      decoding: {
        count: 10,
        schema: { cpuMs: stat([10]), bindingsPerSecond: 1000 },
        wireDecoder: { cpuMs: stat([1]), bindingsPerSecond: 10_000 }
      },
      fake: { count: 1000, generateCpuMs: stat([3, 5, 4]), serveCpuMs: stat([70]) },
      targets: targets(cases, results)
    })
    assert.include(text, "| lib | 2000 (2000–2000) |")
    assert.include(text, "| 2.00 |")
    assert.include(text, "| ≤ 1.3x | 2.00x (the Effect floor with a timeout: 1.40x) | **no**: out of reach (")
    assert.include(text, "| generate the store | 4 (3–5) |")
    assert.include(text, "in memory (and JSON.parse each) | 70 (70–70) |")
  })
})
