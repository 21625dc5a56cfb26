/**
 * Small, fast, seeded pseudo-random numbers (not cryptographic): mulberry32 for sequences and a
 * stateless 32-bit mix for "the n-th decision of seed s".
 *
 * A class rather than closures: one is made per generated binding, and allocation must stay cheap
 * (closures also pay for name-keeping wrappers under some loaders, e.g. tsx).
 *
 * @internal
 */

const BYTE_HEX: ReadonlyArray<string> = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"))

/** A seeded generator (mulberry32: one 32-bit state word, fine statistical quality for test data). */
export class Prng {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (t ^ (t >>> 14)) >>> 0
  }
  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive)
  }
  /** `digits` lowercase hexadecimal digits. */
  hex(digits: number): string {
    let out = ""
    for (let left = digits; left > 0; left -= 8) {
      const w = this.uint32()
      const word = BYTE_HEX[w & 255]! + BYTE_HEX[(w >>> 8) & 255]! + BYTE_HEX[(w >>> 16) & 255]! + BYTE_HEX[w >>> 24]!
      out += left >= 8 ? word : word.slice(0, left)
    }
    return out
  }
  /** One of `values` (which must not be empty). */
  pick<A>(values: ReadonlyArray<A>): A {
    return values[this.int(values.length)]!
  }
}

/** A seeded generator. */
export const make = (seed: number): Prng => new Prng(seed)

/** A 32-bit word that depends only on `seed` and `index`. */
export const hash = (seed: number, index: number): number => {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index >>> 0, 0xc2b2ae35)
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h >>> 0
}

/** A float in [0, 1) that depends only on `seed` and `index` (order-independent decisions). */
export const at = (seed: number, index: number): number => hash(seed, index) / 4294967296

/** `digits` hexadecimal digits derived from a seed (for deterministic SIDs and secrets). */
export const hexFromSeed = (seed: number, digits: number): string => make(seed).hex(digits)
