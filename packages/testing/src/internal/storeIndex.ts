/**
 * Indexes over a store so that a filtered page costs what it returns, not the store's size.
 *
 * @internal
 */
import { BindingType } from "@twilio-bindings/domain"
import type { BindingStore, Filter } from "../BindingStore.js"

/** Sorted store positions that may match, plus a check for the part of the filter they don't cover. */
export interface Candidates {
  readonly positions: Int32Array | undefined
  readonly size: number
  readonly matches: (position: number) => boolean
}

interface Index {
  readonly byIdentity: Map<string, Int32Array>
  readonly byTypes: Map<string, Int32Array>
}

const indexes = new WeakMap<BindingStore, Index>()

const indexOf = (store: BindingStore): Index => {
  let index = indexes.get(store)
  if (index === undefined) {
    const lists = new Map<string, Array<number>>()
    for (let position = 0; position < store.size; position++) {
      const identity = store.identityAt(position)
      if (identity === null) continue
      const list = lists.get(identity)
      if (list === undefined) lists.set(identity, [position])
      else list.push(position)
    }
    const byIdentity = new Map<string, Int32Array>()
    for (const [identity, list] of lists) byIdentity.set(identity, Int32Array.from(list))
    index = { byIdentity, byTypes: new Map() }
    indexes.set(store, index)
  }
  return index
}

const union = (lists: ReadonlyArray<Int32Array>): Int32Array => {
  if (lists.length === 1) return lists[0]!
  let total = 0
  for (const list of lists) total += list.length
  const out = new Int32Array(total)
  let offset = 0
  for (const list of lists) {
    out.set(list, offset)
    offset += list.length
  }
  return out.sort()
}

const typeCodes = (bindingTypes: ReadonlyArray<string>): Set<number> => {
  const codes = new Set<number>()
  for (const bindingType of bindingTypes) {
    const code = (BindingType.conversationsValues as ReadonlyArray<string>).indexOf(bindingType)
    if (code !== -1) codes.add(code)
  }
  return codes
}

const byTypes = (store: BindingStore, codes: Set<number>): Int32Array => {
  const index = indexOf(store)
  const key = [...codes].sort().join(",")
  let positions = index.byTypes.get(key)
  if (positions === undefined) {
    const list: Array<number> = []
    const types = store.bindingTypes
    for (let position = 0; position < store.size; position++) {
      if (codes.has(types[position]!)) list.push(position)
    }
    positions = Int32Array.from(list)
    index.byTypes.set(key, positions)
  }
  return positions
}

const always = () => true

/** The candidates of a filter: an identity index, a binding-type index, or the whole store. */
export const candidates = (store: BindingStore, filter: Filter): Candidates => {
  const identities = filter.identity !== undefined && filter.identity.length > 0 ? filter.identity : undefined
  const codes = filter.bindingType !== undefined && filter.bindingType.length > 0
    ? typeCodes(filter.bindingType)
    : undefined
  if (identities !== undefined) {
    const index = indexOf(store)
    const lists: Array<Int32Array> = []
    for (const identity of new Set(identities)) {
      const list = index.byIdentity.get(identity)
      if (list !== undefined) lists.push(list)
    }
    const positions = lists.length === 0 ? new Int32Array(0) : union(lists)
    const types = store.bindingTypes
    return {
      positions,
      size: positions.length,
      matches: codes === undefined ? always : (position) => codes.has(types[position]!)
    }
  }
  if (codes !== undefined) {
    const positions = byTypes(store, codes)
    return { positions, size: positions.length, matches: always }
  }
  return { positions: undefined, size: store.size, matches: always }
}

const positionAt = (candidates: Candidates, i: number): number =>
  candidates.positions === undefined ? i : candidates.positions[i]!

/** The first candidate index whose store position is >= `position`. */
const lowerBound = (candidates: Candidates, position: number): number => {
  if (candidates.positions === undefined) return Math.max(0, Math.min(position, candidates.size))
  let low = 0
  let high = candidates.size
  while (low < high) {
    const mid = (low + high) >>> 1
    if (candidates.positions[mid]! < position) low = mid + 1
    else high = mid
  }
  return low
}

/** Up to `pageSize` matching positions from store position `from` on, and whether more match. */
export const pageFrom = (
  candidates: Candidates,
  from: number,
  pageSize: number
): { readonly positions: ReadonlyArray<number>; readonly hasMore: boolean } => {
  const positions: Array<number> = []
  for (let i = lowerBound(candidates, from); i < candidates.size; i++) {
    const position = positionAt(candidates, i)
    if (!candidates.matches(position)) continue
    if (positions.length === pageSize) return { positions, hasMore: true }
    positions.push(position)
  }
  return { positions, hasMore: false }
}

/** Up to `pageSize` matching positions strictly before store position `before`, in order. */
export const pageBefore = (candidates: Candidates, before: number, pageSize: number): ReadonlyArray<number> => {
  const positions: Array<number> = []
  for (let i = lowerBound(candidates, before) - 1; i >= 0 && positions.length < pageSize; i--) {
    const position = positionAt(candidates, i)
    if (candidates.matches(position)) positions.push(position)
  }
  return positions.reverse()
}

/** Every matching position, in order. */
export const positions = (store: BindingStore, filter: Filter): ReadonlyArray<number> =>
  pageFrom(candidates(store, filter), 0, Number.MAX_SAFE_INTEGER).positions
