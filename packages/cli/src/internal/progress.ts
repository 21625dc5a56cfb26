/**
 * The progress line on stderr (a terminal only): pages, bindings, bindings/s and retries so far, cut
 * to the terminal's width.
 *
 * @internal
 */
import { Clock, Effect, Option } from "effect"
import type { Output } from "../Stdio.js"

/** How often the line is redrawn, at most. */
const INTERVAL_MILLIS = 100

/** Erases the current terminal line. */
const CLEAR = "\r\u001b[2K"

export interface Progress {
  /** Counts a page that was written and redraws the line (throttled). */
  readonly page: (bindings: number) => Effect.Effect<void>
  /** Runs a write to stdout; on a shared terminal the line is lifted out of its way and redrawn. */
  readonly around: <A, E, R>(write: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Draws the final line and ends it. */
  readonly finish: Effect.Effect<void>
}

const disabled: Progress = {
  page: () => Effect.void,
  around: (write) => write,
  finish: Effect.void
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`

/**
 * A progress line on `stderr` when it is a terminal; `retries` reads how many requests were sent
 * again so far. `sharedTerminal`: stdout is the same terminal, so the line is erased before each
 * write to stdout.
 */
export const make = (options: {
  readonly stderr: Output
  readonly sharedTerminal: boolean
  readonly retries: Effect.Effect<number>
}): Effect.Effect<Progress> =>
  Effect.gen(function*() {
    const { stderr } = options
    if (!stderr.isTTY) return disabled
    // loaded only for a terminal, which the line is cut to fit
    const TextWidth = yield* Effect.promise(() => import("./textWidth.js"))
    const started = yield* Clock.currentTimeMillis
    let pages = 0
    let bindings = 0
    let lastDrawn = -Infinity
    let line = ""
    const write = (text: string) => Effect.ignore(stderr.write(text))
    const compose = (now: number, retries: number) => {
      const seconds = Math.max(now - started, 1) / 1000
      const rate = Math.round(bindings / seconds)
      return `${plural(pages, "page")} · ${plural(bindings, "binding")} · ${rate.toLocaleString("en-US")}/s · ${
        plural(retries, "retry").replace("retrys", "retries")
      }`
    }
    const draw = (force: boolean) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        if (!force && now - lastDrawn < INTERVAL_MILLIS) return Effect.void
        lastDrawn = now
        return Effect.flatMap(options.retries, (retries) => {
          // A line wider than the terminal wraps, and CLEAR erases only its last row: the rest would stay.
          line = Option.match(stderr.columns, {
            onNone: () => compose(now, retries),
            onSome: (columns) => TextWidth.truncate(compose(now, retries), columns - 1)
          })
          return write(CLEAR + line)
        })
      })
    return {
      page: (n) =>
        Effect.suspend(() => {
          pages++
          bindings += n
          return draw(false)
        }),
      around: (effect) =>
        options.sharedTerminal
          ? Effect.zipRight(
            Effect.suspend(() => line === "" ? Effect.void : write(CLEAR)),
            Effect.zipLeft(effect, Effect.suspend(() => line === "" ? Effect.void : write(line)))
          )
          : effect,
      finish: Effect.zipRight(draw(true), write("\n"))
    }
  })
