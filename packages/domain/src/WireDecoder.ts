/**
 * Fast decoders for Twilio's wire JSON of Bindings: the hot path of a listing.
 *
 * The schemas (`Binding.Binding`, `BindingPage.BindingPage`) stay the single source of truth. These
 * decoders check the same rules by hand, without the schema machinery, and a property test proves
 * they accept exactly what the schemas accept and give equal values. When a check fails, the schema
 * decode runs to produce the precise `ParseError`, so errors are identical too.
 *
 * A Binding decoded here keeps its validated wire record and computes each field on first read (then
 * caches it): a listing that counts, filters or forwards bindings never pays for the Options and
 * `DateTime`s it does not read. It is an `instanceof Binding.Binding` that `Equal.equals`,
 * `Hash.hash`, `Schema.equivalence`, `Schema.encode`, `JSON.stringify`, `String` and `util.inspect`
 * treat exactly as the schema's own instance with the same fields. What differs: it has no own
 * enumerable properties, so `Object.keys`, object spread and `structuredClone` see none of its fields
 * (read them by name, or build a schema instance with `new Binding.Binding({ sid: b.sid, … })`).
 * The values share arrays and objects with the input (`message_types`, `links`): decode what
 * `JSON.parse` gave you, not objects you will mutate.
 *
 * @since 0.1.0
 */
import type { ParseResult } from "effect"
import type { Either } from "effect"
import type { Binding, BindingWire } from "./Binding.js"
import type { BindingPage, PageMeta } from "./BindingPage.js"
import { chat } from "./internal/codecs.js"

/**
 * Decodes one wire binding; the same result as `Schema.decodeUnknownEither(Binding.Binding)`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBinding: (u: unknown) => Either.Either<Binding, ParseResult.ParseError> = chat.decodeItem

/**
 * Decodes an array of wire bindings; the same result as `Schema.decodeUnknownEither(Schema.Array(Binding.Binding))`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBindings: (u: unknown) => Either.Either<ReadonlyArray<Binding>, ParseResult.ParseError> =
  chat.decodeItems

/**
 * Decodes a page body (`{ bindings, meta }`); the same result as
 * `Schema.decodeUnknownEither(BindingPage.BindingPage)`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBindingPage: (u: unknown) => Either.Either<BindingPage, ParseResult.ParseError> = chat.decodePage

/**
 * Validates one wire binding by exactly the rules of `Binding.Binding` and gives back the input
 * itself, typed, without building a model: what an export needs to write the record out again. It
 * accepts exactly what `Schema.decodeUnknownEither(Binding.Binding)` accepts and fails with the same
 * `ParseError`. The record is returned as it came, unknown extra fields and all; for the object
 * `Schema.encode` would write (its fields only, in order, timestamps in UTC) pass it to
 * `WireEncoder.canonicalBindingWire`.
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateBindingWire: (u: unknown) => Either.Either<BindingWire, ParseResult.ParseError> = chat.validateItem

/**
 * Validates an array of wire bindings as {@link validateBindingWire} does one, and gives back the
 * input array itself; the same errors as `Schema.decodeUnknownEither(Schema.Array(Binding.Binding))`
 * (the first bad element, at its index).
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateBindingsWire: (
  u: unknown
) => Either.Either<ReadonlyArray<BindingWire>, ParseResult.ParseError> = chat.validateItems

/**
 * Validates a page body (`{ bindings, meta }`) by exactly the rules of `BindingPage.BindingPage`
 * (the same errors as `Schema.decodeUnknownEither(BindingPage.BindingPage)`) and gives back its
 * bindings as the wire records themselves, no model built, with its `meta` decoded: a page of an
 * export that writes the records out again (see `WireEncoder.canonicalBindingWire`).
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateBindingPageWire: (u: unknown) => Either.Either<
  { readonly bindings: ReadonlyArray<BindingWire>; readonly meta: PageMeta },
  ParseResult.ParseError
> = chat.validatePage
