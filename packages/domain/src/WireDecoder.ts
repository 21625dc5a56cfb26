/**
 * Fast decoders for Twilio's wire JSON of Bindings: the hot path of a listing.
 *
 * The schemas (`Binding.Binding`, `BindingPage.BindingPage`) stay the single source of truth. These
 * decoders check the same rules by hand and build the same values, without the schema machinery
 * (about 10x cheaper per binding); a property test proves they accept exactly what the schemas
 * accept and build equal values. When a check fails, the schema decode runs to produce the precise
 * `ParseError`, so errors are identical too.
 *
 * @since 0.1.0
 */
import type { ParseResult } from "effect"
import { Either, Schema } from "effect"
import { Binding } from "./Binding.js"
import { BindingPage, PageMeta } from "./BindingPage.js"
import { isObject, REJECT, tryBinding, unsafeBinding } from "./internal/wireCheck.js"

const schemaBinding = Schema.decodeUnknownEither(Binding)
const schemaBindings = Schema.decodeUnknownEither(Schema.Array(Binding))
const schemaPage = Schema.decodeUnknownEither(BindingPage)
const schemaMeta = Schema.decodeUnknownEither(PageMeta)

/**
 * Decodes one wire binding; the same result as `Schema.decodeUnknownEither(Binding.Binding)`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBinding = (u: unknown): Either.Either<Binding, ParseResult.ParseError> => {
  const binding = tryBinding(u)
  return binding === undefined ? schemaBinding(u) : Either.right(binding)
}

/**
 * Decodes an array of wire bindings; the same result as `Schema.decodeUnknownEither(Schema.Array(Binding.Binding))`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBindings = (u: unknown): Either.Either<ReadonlyArray<Binding>, ParseResult.ParseError> => {
  if (!Array.isArray(u)) return schemaBindings(u)
  try {
    const out = new Array<Binding>(u.length)
    for (let i = 0; i < u.length; i++) out[i] = unsafeBinding(u[i])
    return Either.right(out)
  } catch (error) {
    if (error !== REJECT) throw error
    return schemaBindings(u)
  }
}

/**
 * Decodes a page body (`{ bindings, meta }`); the same result as
 * `Schema.decodeUnknownEither(BindingPage.BindingPage)`.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeBindingPage = (u: unknown): Either.Either<BindingPage, ParseResult.ParseError> => {
  if (!isObject(u) || !("bindings" in u) || !("meta" in u)) return schemaPage(u)
  const bindings = decodeBindings(u.bindings)
  const meta = schemaMeta(u.meta)
  if (Either.isLeft(bindings) || Either.isLeft(meta)) return schemaPage(u)
  return Either.right(new BindingPage({ bindings: bindings.right, meta: meta.right }, true))
}
