/**
 * Text helpers of the table format.
 *
 * @internal
 */

/** C0 and C1 control characters and DEL. */
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f)

const escapeControl = (code: number) => {
  switch (code) {
    case 0x0a:
      return "\\n"
    case 0x0d:
      return "\\r"
    case 0x09:
      return "\\t"
    default:
      return `\\u${code.toString(16).padStart(4, "0")}`
  }
}

/**
 * Replaces control characters with visible escapes (`\n`, `\u001b`), so that data can neither
 * break a row nor send escape sequences to the terminal.
 */
export const sanitize = (text: string): string => {
  let out: string | undefined
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isControl(code)) {
      out ??= text.slice(0, i)
      out += escapeControl(code)
    } else if (out !== undefined) {
      out += text[i]
    }
  }
  return out ?? text
}

/** Combining marks and zero-width characters take no column. */
const isZeroWidth = (code: number) =>
  (code >= 0x0300 && code <= 0x036f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f) ||
  code === 0xfeff

/** East Asian wide and fullwidth characters and emoji take two columns. */
const isWide = (code: number) =>
  (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
  (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) ||
  (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1f64f) ||
  (code >= 0x1f900 && code <= 0x1f9ff) || (code >= 0x20000 && code <= 0x3fffd)

/** The terminal columns one character (code point) takes: 0, 1 or 2. */
export const charWidth = (char: string): number => {
  const code = char.codePointAt(0) ?? 0
  return isZeroWidth(code) ? 0 : isWide(code) ? 2 : 1
}

/** The terminal columns `text` takes. */
export const width = (text: string): number => {
  let n = 0
  for (const char of text) n += charWidth(char)
  return n
}

/** Cuts `text` to at most `columns` terminal columns, marking a cut with `…`. */
export const truncate = (text: string, columns: number): string => {
  if (columns <= 0) return ""
  if (width(text) <= columns) return text
  let out = ""
  let used = 0
  for (const char of text) {
    const w = charWidth(char)
    if (used + w > columns - 1) break
    out += char
    used += w
  }
  return out + "…"
}

/** `text` cut or right-padded with spaces to exactly `columns` terminal columns. */
export const fit = (text: string, columns: number): string => {
  const cut = truncate(text, columns)
  const used = width(cut)
  return used >= columns ? cut : cut + " ".repeat(columns - used)
}
