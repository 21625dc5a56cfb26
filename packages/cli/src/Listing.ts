/**
 * The program behind `bindings list`: check how the options combine, pick the source (the embedded
 * fake with `--demo`, Twilio otherwise), then stream the listing to stdout a page per write, with
 * progress on a terminal's stderr.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import type { ListBindingsParams, ListConversationsBindingsParams, Product } from "@twilio-bindings/domain"
import { BindingType, Resource, TwilioDateTime } from "@twilio-bindings/domain"
import { TwilioError, TwilioHttpClient } from "@twilio-bindings/http"
import type { BindingsError } from "@twilio-bindings/stream"
import type { ConfigError } from "effect"
import { DateTime, Effect, Either, Metric, Option, Schema, Stream } from "effect"
import type { ConfigurationError } from "./CliError.js"
import { type InvalidInput, invalidOption, type ListError } from "./CliError.js"
import * as Format from "./Format.js"
import type { ConnectionOptions } from "./internal/connection.js"
import * as Connection from "./internal/connection.js"
import * as Progress from "./internal/progress.js"
import { Stdio } from "./Stdio.js"

/**
 * The options of `bindings list`, each already decoded with its schema.
 *
 * @since 0.1.0
 * @category Models
 */
export interface ListOptions extends ConnectionOptions {
  /** As typed: {@link request} checks them by the product's rule (`twilsock` is Conversations' only). */
  readonly bindingType: ReadonlyArray<string>
  readonly identity: ReadonlyArray<string>
  readonly pageSize: Option.Option<number>
  readonly limit: Option.Option<number>
  readonly format: Option.Option<Format.Format>
  /** Write CSV fields exactly as they are, without the guard against spreadsheet formulas. */
  readonly csvRaw: boolean
  readonly startAt: Option.Option<string>
  /** Only bindings last updated strictly before this instant (epoch milliseconds). */
  readonly updatedBefore: Option.Option<number>
  /** Only bindings created strictly before this instant (epoch milliseconds). */
  readonly createdBefore: Option.Option<number>
}

/**
 * The embedded fake's sample data for `--demo`: a fixed seed, a few hundred bindings, and a little
 * latency per page so that the listing looks like one over a network.
 *
 * @since 0.1.0
 * @category Constants
 */
export const demo = Connection.demo

/**
 * Where a listing comes from: the embedded fake (`--demo`), or Twilio's service.
 *
 * @since 0.1.0
 * @category Models
 */
export type Source = Connection.Source

/**
 * A `list` invocation whose options combine.
 *
 * @since 0.1.0
 * @category Models
 */
export interface ListRequest {
  readonly source: Source
  readonly params: ListConversationsBindingsParams.ListConversationsBindingsParams
  readonly options: ListOptions
}

const decodeChatTypes = Schema.decodeUnknownEither(Schema.Array(BindingType.BindingType))
const decodeConversationsTypes = Schema.decodeUnknownEither(Schema.Array(BindingType.ConversationsBindingType))

/**
 * Checks how the options combine: `--demo` has its own service and origin, a `--start-at` page URL
 * carries its own filters and page size, and each product has its binding types and page sizes; a
 * combination that cannot hold is refused rather than ignored.
 *
 * @since 0.1.0
 * @category Validation
 */
export const request = (options: ListOptions): Either.Either<ListRequest, InvalidInput> =>
  Either.gen(function*() {
    yield* Connection.conflict(
      ["--demo", options.demo],
      [["--start-at", Option.isSome(options.startAt)]],
      "the demo uses its own sample service on an embedded fake"
    )
    yield* Connection.conflict(["--start-at", Option.isSome(options.startAt)], [
      ["--binding-type", options.bindingType.length > 0],
      ["--identity", options.identity.length > 0],
      ["--page-size", Option.isSome(options.pageSize)]
    ], "the page URL carries the filters and page size of the listing it resumes")
    const source = yield* Connection.source(options)
    const resource = Resource.byProduct[Option.getOrElse(options.product, (): Product.Product => "chat")]
    const bindingTypes = yield* Either.mapLeft(
      resource.product === "chat"
        ? decodeChatTypes(options.bindingType)
        : decodeConversationsTypes(options.bindingType),
      (error) => invalidOption("--binding-type", TwilioError.firstIssue(error).message)
    )
    if (Option.isSome(options.pageSize) && options.pageSize.value > resource.MAX_PAGE_SIZE) {
      return yield* Either.left(
        invalidOption(
          "--page-size",
          `must be a whole number from 1 to ${resource.MAX_PAGE_SIZE} for ${resource.product}, got ${options.pageSize.value}`
        )
      )
    }
    const params = {
      ...(bindingTypes.length > 0 ? { bindingType: bindingTypes } : {}),
      ...(options.identity.length > 0 ? { identity: options.identity } : {}),
      ...Option.match(options.pageSize, { onNone: () => ({}), onSome: (pageSize) => ({ pageSize }) })
    }
    return { source, params, options }
  })

/**
 * A `ConfigError` of the configuration as one line naming the setting at fault (the option, when the
 * setting came from one; otherwise the variable) and its rule.
 *
 * @since 0.1.0
 * @category Errors
 */
export const configurationError: (error: ConfigError.ConfigError) => ConfigurationError = Connection.configurationError

/** The wire records of a page that pass the date filters (all of them when none is given). */
const dateFilter = (
  options: ListOptions
): ((records: ReadonlyArray<Format.WireRecord>) => ReadonlyArray<Format.WireRecord>) | undefined => {
  const updated = Option.getOrUndefined(options.updatedBefore)
  const created = Option.getOrUndefined(options.createdBefore)
  if (updated === undefined && created === undefined) return undefined
  // a date that is null is not before anything: such a binding is left out
  const before = (text: string | null, bound: number | undefined) =>
    bound === undefined || (text !== null && DateTime.toEpochMillis(TwilioDateTime.parse(text)!) < bound)
  return (records) => records.filter((r) => before(r.date_updated, updated) && before(r.date_created, created))
}

/**
 * Runs a listing: one write to stdout per page (the format's header goes with the first), each
 * awaited, so memory stays flat however long the listing is.
 *
 * @since 0.1.0
 * @category Programs
 */
export const runRequest = (request: ListRequest): Effect.Effect<void, ListError, Stdio | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const stdio = yield* Stdio
    const connection = yield* Connection.connect(request.source, request.options, "listing")
    // The library counts the requests it sends again, for the whole program: this run's are those
    // counted since it started.
    const retriesBefore = (yield* Metric.value(TwilioHttpClient.retries)).count

    const format = Option.getOrElse(request.options.format, (): Format.Format => stdio.stdout.isTTY ? "table" : "jsonl")
    const formatter = yield* Format.make(format, {
      width: Option.getOrElse(stdio.stdout.columns, () => Format.DEFAULT_TABLE_WIDTH),
      csvRaw: request.options.csvRaw,
      product: connection.product
    })
    const progress = yield* Progress.make({
      stderr: stdio.stderr,
      sharedTerminal: stdio.stdout.isTTY,
      retries: Effect.map(Metric.value(TwilioHttpClient.retries), ({ count }) => count - retriesBefore)
    })
    let header = formatter.header
    const write = (text: string) => {
      const out = header + text
      header = ""
      return out === "" ? Effect.void : progress.around(stdio.stdout.write(out))
    }
    const filter = dateFilter(request.options)
    const limit = Option.getOrUndefined(request.options.limit)
    const streamOptions = {
      // with a date filter the limit counts the bindings written, so it is applied below instead
      limit: filter === undefined ? limit : undefined,
      startAt: Option.getOrUndefined(request.options.startAt)
    }
    // Pages of wire records, checked as the models would be: every format writes wire values, so
    // no model is built only to be encoded back.
    const pages: Stream.Stream<{ readonly bindings: ReadonlyArray<Format.WireRecord> }, BindingsError.BindingsError> =
      connection.product === "chat"
        ? connection.bindings.wirePages(
          connection.serviceSid,
          request.params as ListBindingsParams.ListBindingsParams,
          streamOptions
        )
        : connection.conversations.wirePages(connection.serviceSid, request.params, streamOptions)
    // the limit as applied here: with a date filter only (see `streamOptions`)
    const cap = filter === undefined ? Infinity : limit ?? Infinity
    let written = 0
    // Pages are pulled and written here, outside the stream: one write per page, however the filter
    // thinned it. Written from stages of the stream (`Stream.tap` for the progress,
    // `Stream.runForEachChunk`), each page stayed reachable while the next was fetched and outlived
    // more of the collector's young-generation passes: 11% more CPU at PageSize 1000, 7% at 50.
    yield* Effect.scoped(Effect.gen(function*() {
      const pull = yield* Stream.toPull(pages)
      // the pull fails with `None` at the end of the stream, with `Some(error)` on an error
      const next = pull.pipe(
        Effect.map(Option.some),
        Effect.catchAll(Option.match({ onNone: () => Effect.succeedNone, onSome: Effect.fail }))
      )
      while (written < cap) {
        const chunk = yield* next
        if (Option.isNone(chunk)) break
        for (const page of chunk.value) {
          yield* progress.page(page.bindings.length)
          const kept = filter === undefined ? page.bindings : filter(page.bindings)
          const records = kept.length <= cap - written ? kept : kept.slice(0, cap - written)
          written += records.length
          yield* write(formatter.page(records))
          if (written >= cap) break
        }
      }
      // An empty listing still gets its header (a CSV with no records is a header line).
      yield* write("")
    })).pipe(Effect.ensuring(progress.finish))
  })

/**
 * `bindings list`: checks how the options combine, then runs the listing.
 *
 * @since 0.1.0
 * @category Programs
 */
export const run = (options: ListOptions): Effect.Effect<void, ListError, Stdio | HttpClient.HttpClient> =>
  Effect.flatMap(request(options), runRequest)
