// The official SDK (twilio 6.x) pointed at the fake: `each` for throughput, `page`/`nextPage` when a
// consumer spends time per page (each() does not await its callback), JSON.stringify per binding
// to stdout for the export case; with LIMIT, `each` stops after that many (the startup case lists 10).
import twilio from "twilio"

const { ORIGIN, SERVICE, ACCOUNT, TOKEN, PAGE_SIZE, CONSUMER_MS, MODE, LIMIT } = process.env
const client = twilio(ACCOUNT, TOKEN)
client.chat.baseUrl = ORIGIN
const bindings = client.chat.v2.services(SERVICE).bindings
const pageSize = Number(PAGE_SIZE)
const pause = Number(CONSUMER_MS ?? 0)
let count = 0

if (pause > 0) {
  let page = await bindings.page({ pageSize })
  while (page) {
    count += page.instances.length
    await new Promise((resolve) => setTimeout(resolve, pause))
    page = await page.nextPage()
  }
} else if (MODE === "export") {
  const out = process.stdout
  let lines = ""
  await bindings.each({ pageSize }, (binding) => {
    count++
    lines += JSON.stringify(binding.toJSON()) + "\n"
    if (lines.length > 65536) {
      out.write(lines)
      lines = ""
    }
  })
  out.write(lines)
} else {
  await bindings.each({ pageSize, ...(LIMIT ? { limit: Number(LIMIT) } : {}) }, () => {
    count++
  })
}
globalThis.__benchCount = count
