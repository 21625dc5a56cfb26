/**
 * A resource's decoders, validators and wire writer, from its fast path (`WireModel`) and its schemas:
 * the fast path answers what it accepts, the schema everything else (with its precise `ParseError`),
 * so that the results are always the schema's. `WireDecoder` and `WireEncoder` are Chat's; `Resource`
 * gives each product's.
 */
import type { ParseResult } from "effect"
import { Either, Schema } from "effect"
import { PageMeta } from "../BindingPage.js"
import type { AnyEncoded } from "../Resource.js"
import type { WireModel } from "./wireModel.js"
import { allValid, isObject, tryAll } from "./wireModel.js"

/** A page's validated wire records with its decoded meta: what an export writes out again. */
export interface WirePage<Wire> {
  readonly bindings: ReadonlyArray<Wire>
  readonly meta: PageMeta
}

export interface WireCodec<Item, Wire, Page> {
  readonly decodeItem: (u: unknown) => Either.Either<Item, ParseResult.ParseError>
  readonly decodeItems: (u: unknown) => Either.Either<ReadonlyArray<Item>, ParseResult.ParseError>
  readonly decodePage: (u: unknown) => Either.Either<Page, ParseResult.ParseError>
  readonly validateItem: (u: unknown) => Either.Either<Wire, ParseResult.ParseError>
  readonly validateItems: (u: unknown) => Either.Either<ReadonlyArray<Wire>, ParseResult.ParseError>
  readonly validatePage: (u: unknown) => Either.Either<WirePage<Wire>, ParseResult.ParseError>
  readonly canonical: (wire: Wire) => Wire
}

const schemaMeta = Schema.decodeUnknownEither(PageMeta)

export const make = <Item, Wire, Page>(options: {
  readonly model: WireModel<Item>
  readonly item: Schema.Schema<Item, Wire>
  readonly page: Schema.Schema<Page, AnyEncoded>
  /** A page of decoded items, built without validating them again. */
  readonly makePage: (bindings: ReadonlyArray<Item>, meta: PageMeta) => Page
}): WireCodec<Item, Wire, Page> => {
  const { model } = options
  const schemaItem = Schema.decodeUnknownEither(options.item)
  const schemaItems = Schema.decodeUnknownEither(Schema.Array(options.item))
  const schemaPage = Schema.decodeUnknownEither(options.page)

  const decodeItems = (u: unknown): Either.Either<ReadonlyArray<Item>, ParseResult.ParseError> => {
    const items = Array.isArray(u) ? tryAll(model, u) : undefined
    return items === undefined ? schemaItems(u) : Either.right(items)
  }

  return {
    decodeItem: (u) => model.isValid(u) ? Either.right(model.wrap(u)) : schemaItem(u),
    decodeItems,
    decodePage: (u) => {
      if (!isObject(u)) return schemaPage(u)
      const items = decodeItems(u.bindings)
      const meta = schemaMeta(u.meta)
      if (Either.isLeft(items) || Either.isLeft(meta)) return schemaPage(u)
      return Either.right(options.makePage(items.right, meta.right))
    },
    validateItem: (u) => model.isValid(u) ? Either.right(u as Wire) : Either.map(schemaItem(u), () => u as Wire),
    validateItems: (u) =>
      Array.isArray(u) && allValid(model, u)
        ? Either.right(u as ReadonlyArray<Wire>)
        : Either.map(schemaItems(u), () => u as ReadonlyArray<Wire>),
    validatePage: (u) => {
      if (isObject(u) && Array.isArray(u.bindings) && allValid(model, u.bindings)) {
        const meta = schemaMeta(u.meta)
        if (Either.isRight(meta)) return Either.right({ bindings: u.bindings as ReadonlyArray<Wire>, meta: meta.right })
      }
      // the schema gives the precise error, or accepts a shape the fast checks leave to it
      return Either.map(schemaPage(u), (page) => ({
        bindings: (u as { readonly bindings: ReadonlyArray<Wire> }).bindings,
        meta: (page as { readonly meta: PageMeta }).meta
      }))
    },
    canonical: (wire) => model.canonical(wire as unknown as Record<string, unknown>) as Wire
  }
}
