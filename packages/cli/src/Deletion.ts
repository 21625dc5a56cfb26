/**
 * The program behind `bindings delete`: read which bindings to delete (`--sid`, or the JSON Lines that
 * `bindings list` writes, from a file or stdin), check every one before anything is sent, ask once on a
 * terminal (or require `--yes`), check that the service exists, then delete them `--concurrency` at a time and report each on its own
 * line: `deleted`, `already gone` or `failed` with the reason. A DELETE is retried like a GET, and a
 * binding already gone is no failure, so running the same command again is safe.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { FileSystem } from "@effect/platform"
import { Sid } from "@twilio-bindings/domain"
import { Effect, Either, Option, Schema, Stream } from "effect"
import type { CommandError, InvalidInput } from "./CliError.js"
import { DeletionsFailed, DeletionsStopped, invalidOption, NotConfirmed, ServiceCheckFailed } from "./CliError.js"
import type { ConnectionOptions } from "./internal/connection.js"
import * as Connection from "./internal/connection.js"
import { cut } from "./internal/options.js"
import * as Text from "./internal/text.js"
import { Stdio } from "./Stdio.js"

/**
 * How many deletions run at once unless `--concurrency` says.
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_CONCURRENCY = 4

/**
 * The most deletions `--concurrency` lets run at once: enough to clean up quickly, few enough not to
 * be rate-limited by Twilio (429s are retried, but cost time).
 *
 * @since 0.1.0
 * @category Constants
 */
export const MAX_CONCURRENCY = 16

/**
 * The options of `bindings delete`, each already decoded with its schema.
 *
 * @since 0.1.0
 * @category Models
 */
export interface DeleteOptions extends ConnectionOptions {
  readonly sid: ReadonlyArray<Sid.BindingSid>
  /** A file of JSON Lines as `bindings list --format jsonl` writes them, or `-` for stdin. */
  readonly fromFile: Option.Option<string>
  readonly concurrency: Option.Option<number>
  readonly dryRun: boolean
  readonly yes: boolean
}

const decodeBindingSid = Schema.decodeUnknownEither(Sid.BindingSid)

/**
 * The SID of one line of `bindings list --format jsonl`, checked: a JSON object whose `sid` is a
 * binding SID and whose service (`service_sid` on Chat, `chat_service_sid` on Conversations) is the one
 * the command works on. A blank line is skipped (`undefined`).
 *
 * @since 0.1.0
 * @category Parsing
 */
export const sidOfLine = (
  line: string,
  serviceSid: string
): Either.Either<Sid.BindingSid | undefined, string> => {
  if (line.trim() === "") return Either.right(undefined)
  let record: unknown
  try {
    // a byte order mark, as some editors save UTF-8, is not part of the JSON
    record = JSON.parse(line.replace(/^\uFEFF/, ""))
  } catch {
    return Either.left(`is not JSON: ${JSON.stringify(cut(line))}`)
  }
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return Either.left("is not a JSON object: a binding as bindings list --format jsonl writes it")
  }
  const fields = record as Record<string, unknown>
  const sid = decodeBindingSid(fields["sid"])
  if (Either.isLeft(sid)) return Either.left(`has no binding SID: sid must be BS followed by 32 hex digits`)
  const service = fields["service_sid"] ?? fields["chat_service_sid"]
  if (service !== serviceSid) {
    return Either.left(
      `belongs to service ${
        JSON.stringify(cut(String(service)))
      }, not ${serviceSid}: nothing of another service is deleted`
    )
  }
  return Either.right(sid.right)
}

/** The lines of `--from-file`: the file's, or stdin's for `-`. */
const linesOf = (path: string): Stream.Stream<string, InvalidInput, FileSystem.FileSystem | Stdio> =>
  path === "-"
    ? Stream.unwrap(Effect.map(Stdio, (stdio) => stdio.stdin.lines)).pipe(
      Stream.mapError((error) => invalidOption("--from-file", error.message))
    )
    : Stream.unwrap(Effect.map(FileSystem.FileSystem, (fs) => fs.stream(path))).pipe(
      Stream.decodeText(),
      Stream.splitLines,
      Stream.mapError((error) =>
        invalidOption("--from-file", `cannot read ${JSON.stringify(cut(path))}: ${error.message}`)
      )
    )

/**
 * The bindings to delete, in order, each once: from `--sid`, or read line by line from `--from-file`
 * (only the SIDs are kept), every one checked before anything is sent.
 */
const targets = (
  options: DeleteOptions,
  serviceSid: string
): Effect.Effect<ReadonlyArray<Sid.BindingSid>, InvalidInput, FileSystem.FileSystem | Stdio> =>
  Option.match(options.fromFile, {
    onNone: () => Effect.succeed([...new Set(options.sid)]),
    onSome: (path) =>
      linesOf(path).pipe(
        Stream.zipWithIndex,
        Stream.runFoldEffect(new Set<Sid.BindingSid>(), (seen, [line, index]) =>
          Either.match(sidOfLine(line, serviceSid), {
            onLeft: (rule) =>
              Effect.fail(invalidOption("--from-file", `line ${index + 1} ${rule}`)),
            onRight: (sid) => Effect.succeed(sid === undefined ? seen : seen.add(sid))
          })),
        Effect.map((seen) => [...seen])
      )
  })

/** Asks once on the terminal; anything but y or yes is a no. */
const confirm = (question: string) =>
  Effect.gen(function*() {
    const stdio = yield* Stdio
    yield* stdio.stderr.write(question)
    const answer = yield* Stream.runHead(stdio.stdin.lines).pipe(Effect.orElseSucceed(() => Option.none<string>()))
    return Option.exists(answer, (text) => /^\s*y(es)?\s*$/i.test(text))
  })

/**
 * `bindings delete`: checks the options and every binding to delete, confirms, deletes and reports;
 * fails with `DeletionsFailed` (exit code 1) when any deletion failed, and with `DeletionsStopped` (exit
 * code 1) when the reader closed stdout before every deletion was reported.
 *
 * @since 0.1.0
 * @category Programs
 */
export const run = (
  options: DeleteOptions
): Effect.Effect<void, CommandError, Stdio | HttpClient.HttpClient | FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const hasSids = options.sid.length > 0
    if (hasSids && Option.isSome(options.fromFile)) {
      return yield* invalidOption("--from-file", "cannot be combined with --sid: give the bindings one way")
    }
    if (!hasSids && Option.isNone(options.fromFile)) {
      return yield* invalidOption(
        "--sid",
        "is required: the bindings to delete (or --from-file with list's JSON Lines)"
      )
    }
    const source = yield* Connection.source(options)
    const stdio = yield* Stdio
    // a question on the terminal is answered on stdin: not when stdin is the list of bindings
    const canAsk = stdio.stdin.isTTY && Option.getOrUndefined(options.fromFile) !== "-"
    if (!options.dryRun && !options.yes && !canAsk) {
      return yield* invalidOption(
        "--yes",
        "is required to delete when stdin is not a terminal to confirm on (or is the --from-file input); nothing was deleted"
      )
    }
    const connection = yield* Connection.connect(source, options, "deleting from")
    const { product, serviceSid } = connection
    const sids = yield* targets(options, serviceSid)
    // Twilio answers a DELETE in a service that does not exist with 404, as for a binding already
    // gone: the service is checked first (a mistyped --service deletes nothing and says so, instead
    // of reporting every binding gone)
    yield* Effect.mapError(Connection.probeService(connection), (error) =>
      new ServiceCheckFailed({
        serviceSid,
        product,
        description: Connection.isNoSuchService(error)
          ? "Twilio has no such service (404)"
          : error._tag === "ListingError"
          ? error.cause.message
          : error.message
      }))
    const label = `${sids.length} binding${sids.length === 1 ? "" : "s"} of ${product} service ${serviceSid}`
    if (options.dryRun) {
      return yield* stdio.stdout.write(sids.map((sid) => `would delete ${sid}\n`).join(""))
    }
    if (!options.yes && sids.length > 0 && !(yield* confirm(`Delete ${label}? [y/N] `))) {
      return yield* new NotConfirmed({ total: sids.length })
    }
    const remove = product === "chat" ? connection.bindings.remove : connection.conversations.remove
    let failed = 0
    let reported = 0
    yield* Stream.fromIterable(sids).pipe(
      Stream.mapEffect((sid) =>
        Effect.map(Effect.either(remove(serviceSid, sid)), (outcome) =>
          Either.match(outcome, {
            onLeft: (error) => {
              failed++
              const reason = error._tag === "BindingRequestError" ? error.cause.message : error.message
              // a server's text: one line, no control character reaches the terminal
              return `failed ${sid}: ${Text.sanitize(reason)}\n`
            },
            onRight: (result) => `${result === "deleted" ? "deleted" : "already gone"} ${sid}\n`
          })), { concurrency: Option.getOrElse(options.concurrency, () => DEFAULT_CONCURRENCY) }),
      Stream.runForEach((line) => Effect.andThen(stdio.stdout.write(line), () => void reported++)),
      // A closed stdout (`| head`) stops the deletions, and says so: a listing may end quietly there,
      // but a cleanup that stops must not look finished.
      Effect.catchIf(
        (error) => error.stream === "stdout" && error.closed,
        () => Effect.fail(new DeletionsStopped({ reported, total: sids.length }))
      )
    )
    if (failed > 0) return yield* new DeletionsFailed({ failed, total: sids.length })
  })
