/**
 * Text measured in terminal columns, for the table format and the progress line. Loaded only when
 * one of them is drawn (`import()`): `string-width` builds its Unicode segmenter as it loads, ~20 ms
 * that a listing to a pipe has no use for.
 *
 * @internal
 */

import stringWidth from "string-width"

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
