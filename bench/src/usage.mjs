// Preloaded into every benchmark client (`node --import`): on exit, writes the process's own CPU
// time, peak RSS and wall time as JSON to $BENCH_USAGE_FILE, so every client is measured the same way.
import { writeFileSync } from "node:fs"
import { performance } from "node:perf_hooks"

process.on("exit", (code) => {
  const file = process.env.BENCH_USAGE_FILE
  if (!file) return
  const cpu = process.cpuUsage()
  const usage = process.resourceUsage()
  writeFileSync(
    file,
    JSON.stringify({
      code,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: usage.maxRSS / 1024,
      wallMs: performance.now(),
      count: Number(process.env.BENCH_COUNT_OUT ?? globalThis.__benchCount ?? -1)
    })
  )
})
