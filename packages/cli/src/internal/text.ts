/**
 * Control characters made visible, for every line the command prints from data (the table, error
 * lines). Measuring text in terminal columns is in `textWidth.ts`, loaded only when a table or a
 * progress line is drawn.
 *
 * @internal
 */

/**
 * Characters that must never reach a terminal raw: C0 and C1 controls and DEL (a C1 CSI, U+009B,
 * starts an escape sequence as ESC [ does), the bidirectional controls (U+202E reverses the rest of
 * the line, so a cell could show another binding's text in its place) and the line and paragraph
 * separators, which break a row.
 */
const mustEscape = (code: number) =>
  code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x061c || code === 0x200e || code === 0x200f ||
  (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)

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
 * Replaces control characters with visible escapes (`\n`, `\u001b`, `\u202e`), so that data can
 * neither break a row, nor reorder what the terminal shows, nor send it escape sequences.
 */
export const sanitize = (text: string): string => {
  let out: string | undefined
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (mustEscape(code)) {
      out ??= text.slice(0, i)
      out += escapeControl(code)
    } else if (out !== undefined) {
      out += text[i]
    }
  }
  return out ?? text
}
