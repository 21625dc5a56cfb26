/**
 * Text helpers of the table format.
 *
 * @internal
 */

import stringWidth from "string-width"

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

/** The terminal columns `text` takes, by Unicode's East Asian Width and emoji data. */
export const width = (text: string): number => stringWidth(text)

const graphemes = new Intl.Segmenter()

/**
 * Cuts `text` to at most `columns` terminal columns, marking a cut with `…`. It cuts between
 * grapheme clusters, so an accent or an emoji sequence is never split from its base.
 */
export const truncate = (text: string, columns: number): string => {
  if (columns <= 0) return ""
  if (width(text) <= columns) return text
  let out = ""
  let used = 0
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment)
    if (used + w > columns - 1) break
    out += segment
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
