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
    const cases = [kase("list-100k-1000", 100_000), kase("list-10k-1000", 10_000), kase("list-1m-1000", 1_000_000)]
    const results = {
      "list-100k-1000": [summary("lib", 1250, { cpuVsFloor: 1.25, cpuVsSdk: 0.9 })],
      "list-10k-1000": [summary("lib", 100, { peakRssMb: stat([100]) })],
      "list-1m-1000": [summary("lib", 100, { peakRssMb: stat([130]) })],
      "latency": [summary("lib prefetch 1", 100, { wallVsSdk: 0.7 })]
    }
    const [vsFloor, vsSdk, rss, latency, cli] = targets(cases, results)
    assert.deepStrictEqual([vsFloor?.met, vsSdk?.met, rss?.met, latency?.met, cli?.met], [
      true,
      true,
      false,
      false,
      undefined
    ])
    assert.include(vsFloor?.name ?? "", "100,000")
    assert.include(rss?.measured ?? "", "1.30x")
  })

  it("renders a table per case and the targets", () => {
    const cases = [kase("list-100k-1000", 100_000)]
    const results = { "list-100k-1000": [summary("floor", 1000), summary("lib", 2000, { cpuVsFloor: 2 })] }
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
    assert.include(text, "**no**")
    assert.include(text, "| generate the store | 4 (3–5) |")
    assert.include(text, "in memory (and JSON.parse each) | 70 (70–70) |")
  })
})
