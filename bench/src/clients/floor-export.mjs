// The floor of an export: fetch + JSON.parse, then JSON.stringify of each binding to stdout.
const { ORIGIN, SERVICE, ACCOUNT, TOKEN, PAGE_SIZE } = process.env
const auth = "Basic " + Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")
let url = `${ORIGIN}/v2/Services/${SERVICE}/Bindings?PageSize=${PAGE_SIZE}`
let count = 0
while (url) {
  const response = await fetch(url, { headers: { authorization: auth, accept: "application/json" } })
  if (!response.ok) throw new Error(`status ${response.status}`)
  const page = JSON.parse(await response.text())
  let lines = ""
  for (const binding of page.bindings) lines += JSON.stringify(binding) + "\n"
  count += page.bindings.length
  if (!process.stdout.write(lines)) await new Promise((resolve) => process.stdout.once("drain", resolve))
  url = page.meta.next_page_url
}
globalThis.__benchCount = count
