// The floor: fetch + JSON.parse, following next_page_url, no validation. The practical limit.
// With LIMIT, it stops once it has that many bindings (the startup case lists 10).
const { ORIGIN, SERVICE, ACCOUNT, TOKEN, PAGE_SIZE, CONSUMER_MS, LIMIT } = process.env
const auth = "Basic " + Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")
const pause = Number(CONSUMER_MS ?? 0)
const limit = LIMIT ? Number(LIMIT) : Infinity
let url = `${ORIGIN}/v2/Services/${SERVICE}/Bindings?PageSize=${PAGE_SIZE}`
let count = 0
while (url && count < limit) {
  const response = await fetch(url, { headers: { authorization: auth, accept: "application/json" } })
  if (!response.ok) throw new Error(`status ${response.status}`)
  const page = JSON.parse(await response.text())
  count += Math.min(page.bindings.length, limit - count)
  if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause))
  url = page.meta.next_page_url
}
globalThis.__benchCount = count
