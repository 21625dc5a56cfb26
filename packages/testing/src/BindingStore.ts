/**
 * The bindings of one service as the fake serves them (to Chat v2 and Conversations v1 alike): each binding in wire form (given, or
 * built when it is served), with its type and identity kept aside so that filtering and paging
 * never build a binding they do not return.
 *
 * @since 0.1.0
 */
import type { Binding } from "@twilio-bindings/domain"
import { BindingType } from "@twilio-bindings/domain"
import * as internal from "./internal/storeIndex.js"

/**
 * A binding as the store keeps it: Chat's wire form, whose type may also be `twilsock`, which only
 * Conversations shows (Chat's API knows no such type).
 *
 * @since 0.1.0
 * @category Models
 */
export type StoredBinding = Omit<Binding.BindingWire, "binding_type"> & {
  readonly binding_type: BindingType.ConversationsBindingType
}

/**
 * The code of `twilsock` in {@link BindingStore.bindingTypes}.
 *
 * @since 0.1.0
 * @category Constants
 */
export const TWILSOCK: number = BindingType.conversationsValues.indexOf("twilsock")

/**
 * The bindings of one service, in listing order.
 *
 * @since 0.1.0
 * @category Models
 */
export interface BindingStore {
  /** The Service SID (`IS…`) the bindings belong to. */
  readonly serviceSid: string
  /** How many bindings the store holds. */
  readonly size: number
  /** The `binding_type` of each binding as an index into `BindingType.conversationsValues` (255: anything else). */
  readonly bindingTypes: Uint8Array
  /** The `identity` of the binding at a position. */
  readonly identityAt: (position: number) => string | null
  /** The wire form of the binding at a position (kept, or built on demand). */
  readonly wireAt: (position: number) => StoredBinding
}

/**
 * What a listing filters on: OR within a key, AND across keys; an absent or empty key matches all.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Filter {
  readonly bindingType?: ReadonlyArray<string> | undefined
  readonly identity?: ReadonlyArray<string> | undefined
}

/**
 * The code stored in {@link BindingStore.bindingTypes} for a `binding_type` value.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const bindingTypeCode = (bindingType: string): number => {
  const code = (BindingType.conversationsValues as ReadonlyArray<string>).indexOf(bindingType)
  return code === -1 ? 255 : code
}

/**
 * Builds a store from wire bindings (snake_case, as Chat sends them; `twilsock` allowed), kept in the given order.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fromWire = (serviceSid: string, bindings: ReadonlyArray<StoredBinding>): BindingStore => {
  const bindingTypes = Uint8Array.from(bindings, (binding) => bindingTypeCode(binding.binding_type))
  return {
    serviceSid,
    size: bindings.length,
    bindingTypes,
    identityAt: (position) => bindings[position]?.identity ?? null,
    wireAt: (position) => bindings[position]!
  }
}

/**
 * Every binding of the store, in order, in wire form.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const toWire = (store: BindingStore): ReadonlyArray<StoredBinding> =>
  Array.from({ length: store.size }, (_, position) => store.wireAt(position))

/**
 * The bindings a listing with this filter returns, in order: what following every `next_page_url`
 * yields. Uses the same index and scan as the fake's paging.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const filter = (store: BindingStore, filter: Filter): ReadonlyArray<StoredBinding> =>
  internal.positions(store, filter).map(store.wireAt)

/**
 * The store positions a listing with this filter returns, in order.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const positions: (store: BindingStore, filter: Filter) => ReadonlyArray<number> = internal.positions

/**
 * Whether Chat v2 shows the binding at a position: every binding but a `twilsock` one.
 *
 * @since 0.1.0
 * @category Predicates
 */
export const isChat = (store: BindingStore, position: number): boolean => store.bindingTypes[position] !== TWILSOCK
