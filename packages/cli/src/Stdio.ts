/**
 * Where the command writes: stdout for the listing, stderr for progress and errors. A service, so
 * that tests run the whole command in-process against an in-memory sink.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Schema, Stream } from "effect"
import * as Readline from "node:readline"

/**
 * A write to an output failed. `closed` is true when the reader went away (EPIPE, the stream was
 * destroyed): for stdout that is how `| head` ends a listing, and it is not an error (a deletion it
 * stops is: `DeletionsStopped`).
 *
 * @since 0.1.0
 * @category Errors
 */
export class OutputError extends Schema.TaggedError<OutputError>()("OutputError", {
  /** Which output failed. */
  stream: Schema.Literal("stdout", "stderr"),
  /** Whether the reader closed the stream (EPIPE or a destroyed stream). */
  closed: Schema.Boolean,
  /** What the system said, e.g. `write EPIPE`. */
  description: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `cannot write to ${this.stream}: ${this.description}`
  }
}

/**
 * One output stream.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Output {
  /** Whether the stream is a terminal. */
  readonly isTTY: boolean
  /** The terminal's width, when it is one and reports it. */
  readonly columns: Option.Option<number>
  /** Writes text and waits until the stream took it (backpressure). */
  readonly write: (text: string) => Effect.Effect<void, OutputError>
}

/**
 * The command's standard output and standard error.
 *
 * @since 0.1.0
 * @category Services
 */
export class Stdio extends Context.Tag("@twilio-bindings/cli/Stdio")<Stdio, Stdio.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace Stdio {
  /**
   * @since 0.1.0
   * @category Services
   */
  export interface Service {
    readonly stdin: Input
    readonly stdout: Output
    readonly stderr: Output
  }
}

const CLOSED_CODES = new Set(["EPIPE", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END", "ECONNRESET"])

const errorCode = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined

/** Streams that already carry our `error` listener: an EPIPE must never become an uncaught exception. */
const guarded = new WeakSet<NodeJS.WriteStream>()

const fromNodeStream = (stream: NodeJS.WriteStream, name: "stdout" | "stderr"): Output => {
  let failure: unknown = undefined
  if (!guarded.has(stream)) {
    guarded.add(stream)
    stream.on("error", (error) => {
      failure = error
    })
  }
  const toError = (error: unknown) =>
    new OutputError({
      stream: name,
      closed: CLOSED_CODES.has(errorCode(error) ?? ""),
      description: error instanceof Error ? error.message : String(error)
    })
  return {
    isTTY: stream.isTTY === true,
    columns: stream.isTTY === true
      ? Option.fromNullable(stream.columns).pipe(Option.filter((n) => n > 0))
      : Option.none(),
    write: (text) =>
      Effect.async<void, OutputError>((resume) => {
        if (failure !== undefined) return resume(Effect.fail(toError(failure)))
        if (stream.destroyed || !stream.writable) {
          return resume(
            Effect.fail(new OutputError({ stream: name, closed: true, description: "the stream is closed" }))
          )
        }
        // The callback runs once the text is handed to the system: awaiting it is the backpressure.
        stream.write(text, (error) => resume(error ? Effect.fail(toError(error)) : Effect.void))
      })
  }
}

/**
 * Reading stdin failed.
 *
 * @since 0.1.0
 * @category Errors
 */
export class InputError extends Schema.TaggedError<InputError>()("InputError", {
  /** What the system said. */
  description: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `cannot read stdin: ${this.description}`
  }
}

/**
 * The standard input.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Input {
  /** Whether stdin is a terminal (a person can answer a question on it). */
  readonly isTTY: boolean
  /** Its lines as they come, without their line breaks; nothing is read until the stream is run. */
  readonly lines: Stream.Stream<string, InputError>
}

const stdinLines: Stream.Stream<string, InputError> = Stream.suspend(() =>
  Stream.fromAsyncIterable(
    Readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false }),
    (error) => new InputError({ description: error instanceof Error ? error.message : String(error) })
  )
)

/**
 * The process's stdout and stderr. Writes wait for the stream's callback; a reader that closed the
 * pipe fails the write with `OutputError` (`closed: true`) instead of crashing the process.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerNode: Layer.Layer<Stdio> = Layer.sync(Stdio, () =>
  Stdio.of({
    stdin: { isTTY: process.stdin.isTTY === true, lines: stdinLines },
    stdout: fromNodeStream(process.stdout, "stdout"),
    stderr: fromNodeStream(process.stderr, "stderr")
  }))

/**
 * How to build an in-memory {@link Stdio}.
 *
 * @since 0.1.0
 * @category Models
 */
export interface MemoryOptions {
  /** What stdin holds. Default empty. */
  readonly stdin?: string | undefined
  /** Default false. */
  readonly stdinIsTTY?: boolean | undefined
  /** Default false. */
  readonly stdoutIsTTY?: boolean | undefined
  /** Default false. */
  readonly stderrIsTTY?: boolean | undefined
  /** The terminal width reported for both streams. Default none. */
  readonly columns?: number | undefined
  /** Simulates a reader that goes away: writes to stdout after this many fail as a closed pipe. */
  readonly closeStdoutAfterWrites?: number | undefined
}

/**
 * An in-memory {@link Stdio} and what was written to it.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Memory {
  readonly service: Stdio.Service
  readonly layer: Layer.Layer<Stdio>
  /** Every write to stdout, in order (one per page, for a listing). */
  readonly stdoutWrites: ReadonlyArray<string>
  /** Everything written to stdout so far. */
  readonly stdout: () => string
  /** Everything written to stderr so far. */
  readonly stderr: () => string
}

/**
 * An in-memory {@link Stdio} for tests.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const memory = (options: MemoryOptions = {}): Memory => {
  const stdoutWrites: Array<string> = []
  const stderrWrites: Array<string> = []
  const columns = Option.fromNullable(options.columns)
  const stdinText = options.stdin ?? ""
  const service = Stdio.of({
    stdin: {
      isTTY: options.stdinIsTTY ?? false,
      lines: Stream.fromIterable(stdinText === "" ? [] : stdinText.replace(/\r?\n$/, "").split(/\r?\n/))
    },
    stdout: {
      isTTY: options.stdoutIsTTY ?? false,
      columns,
      write: (text) =>
        Effect.suspend(() => {
          if (options.closeStdoutAfterWrites !== undefined && stdoutWrites.length >= options.closeStdoutAfterWrites) {
            return Effect.fail(new OutputError({ stream: "stdout", closed: true, description: "write EPIPE" }))
          }
          stdoutWrites.push(text)
          return Effect.void
        })
    },
    stderr: {
      isTTY: options.stderrIsTTY ?? false,
      columns,
      write: (text) => Effect.sync(() => void stderrWrites.push(text))
    }
  })
  return {
    service,
    layer: Layer.succeed(Stdio, service),
    stdoutWrites,
    stdout: () => stdoutWrites.join(""),
    stderr: () => stderrWrites.join("")
  }
}
