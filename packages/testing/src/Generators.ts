/**
 * Realistic Bindings: a fast seeded generator for big stores, and fast-check arbitraries for
 * property tests.
 *
 * @since 0.1.0
 */
import type { Binding } from "@twilio-bindings/domain"
import { BindingType, Sid } from "@twilio-bindings/domain"
import { FastCheck } from "effect"
import * as BindingStore from "./BindingStore.js"
import * as Prng from "./internal/prng.js"

/**
 * Twilio's production origin for Chat, used in generated `url` and `links` unless told otherwise.
 *
 * @since 0.1.0
 * @category Constants
 */
export const DEFAULT_ORIGIN = "https://chat.twilio.com"

/**
 * The Chat message types a binding can subscribe to.
 *
 * @since 0.1.0
 * @category Constants
 */
export const messageTypes = ["removed_from_channel", "new_message", "added_to_channel", "invited_to_channel"] as const

/**
 * A deterministic Service SID (`IS…`) for a seed.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const serviceSid = (seed: number): Sid.ServiceSid =>
  Sid.ServiceSid.make("IS" + Prng.hexFromSeed(seed ^ 0x5e41, 32))

/**
 * A deterministic Account SID (`AC…`) for a seed.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const accountSid = (seed: number): Sid.AccountSid =>
  Sid.AccountSid.make("AC" + Prng.hexFromSeed(seed ^ 0xac01, 32))

/**
 * A deterministic auth token (32 hex digits) for a seed.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const authToken = (seed: number): string => Prng.hexFromSeed(seed ^ 0x70c3, 32)

const identityTemplates: ReadonlyArray<(n: number) => string> = [
  (n) => `user${n}`,
  (n) => `user.${n}@example.com`,
  (n) => `alice+${n}@example.org`,
  (n) => `Zoë Ångström ${n}`,
  (n) => `tom & jerry=${n}`,
  (n) => `山田太郎${n}`,
  (n) => `josé maría+${n}`,
  (n) => `${n}`,
  (n) => `a%20b/${n}?x=1#y`
]

const messageTypeSets: ReadonlyArray<string> = [
  JSON.stringify(messageTypes),
  JSON.stringify(["new_message"]),
  JSON.stringify(["new_message", "added_to_channel", "invited_to_channel"]),
  "[]",
  "null"
]

const DATE_BASE = Date.UTC(2016, 0, 1)
const SECONDS_IN_8_YEARS = 8 * 365 * 24 * 3600
const SECONDS_IN_A_YEAR = 365 * 24 * 3600

const isoSeconds = (millis: number) => new Date(millis).toISOString().slice(0, 19) + "Z"

const TWO_DIGITS: ReadonlyArray<string> = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"))
const DAYS: ReadonlyArray<string> = Array.from(
  { length: 9 * 366 },
  (_, day) => new Date(DATE_BASE + day * 86_400_000).toISOString().slice(0, 10)
)

/** `isoSeconds` for generated instants, without a `Date` per call (they dominate serving cost). */
const formatGenerated = (millis: number): string => {
  const seconds = (millis - DATE_BASE) / 1000
  const ofDay = seconds % 86_400
  return `${DAYS[(seconds - ofDay) / 86_400]}T${TWO_DIGITS[Math.floor(ofDay / 3600)]}:${
    TWO_DIGITS[Math.floor(ofDay / 60) % 60]
  }:${TWO_DIGITS[ofDay % 60]}Z`
}

/**
 * Options of {@link generateStore}.
 *
 * @since 0.1.0
 * @category Models
 */
export interface GenerateOptions {
  /** The same seed always gives the same store. */
  readonly seed: number
  /** How many bindings. */
  readonly count: number
  /** Default: {@link serviceSid} of the seed. */
  readonly serviceSid?: string | undefined
  /** Default: {@link accountSid} of the seed. */
  readonly accountSid?: string | undefined
  /** The origin of `url` and `links` (default {@link DEFAULT_ORIGIN}). */
  readonly origin?: string | undefined
}

/**
 * Generates a store of realistic bindings: about three per identity (several devices per user),
 * all three binding types, some `endpoint` / `credential_sid` / `message_types` null, identities
 * with spaces, `&`, `=`, `+`, `%`, `/` and non-ASCII characters.
 *
 * Deterministic for a seed and fast: each binding has its own seeded PRNG (from the store's seed and
 * its position), so only its type and identity are drawn up front and its JSON text is built when
 * it is served. A million bindings cost a few megabytes and well under a second.
 *
 * @since 0.1.0
 * @category Generators
 */
export const generateStore = (options: GenerateOptions): BindingStore.BindingStore => {
  const random = Prng.make(options.seed)
  const service = options.serviceSid ?? serviceSid(options.seed)
  const account = options.accountSid ?? accountSid(options.seed)
  const origin = options.origin ?? DEFAULT_ORIGIN
  const count = Math.max(0, Math.floor(options.count))
  const serviceUrl = `${origin}/v2/Services/${service}`
  const credentials = BindingType.values.map(() => `"CR${random.hex(32)}"`)

  const poolSize = Math.max(1, Math.ceil(count / 3))
  const identities: Array<string> = new Array(poolSize)
  for (let n = 0; n < poolSize; n++) identities[n] = random.pick(identityTemplates)(n)

  // Per-identity JSON fragments, built the first time one of the identity's bindings is served.
  const identityJson: Array<string | undefined> = new Array(poolSize)
  const linksJson: Array<string | undefined> = new Array(poolSize)
  const users = new Int32Array(count)
  const bindingTypes = new Uint8Array(count)
  // The first draws of a binding's PRNG fix its user and type; `jsonAt` replays them.
  const draw = (position: number) => {
    const binding = Prng.make(Prng.hash(options.seed, position))
    const user = binding.int(poolSize)
    const roll = binding.next()
    return { binding, user, code: roll < 0.2 ? 0 : roll < 0.6 ? 1 : 2 }
  }
  for (let position = 0; position < count; position++) {
    const { code, user } = draw(position)
    users[position] = user
    bindingTypes[position] = code
  }

  const jsonAt = (position: number): string => {
    const { binding, code, user } = draw(position)
    const identity = identities[user]!
    const sid = "BS" + binding.hex(24) + (position >>> 0).toString(16).padStart(8, "0")
    const created = DATE_BASE + binding.int(SECONDS_IN_8_YEARS) * 1000
    const updated = binding.next() < 0.5 ? created : created + binding.int(SECONDS_IN_A_YEAR) * 1000
    const endpoint = binding.next() < 0.05
      ? "null"
      : code === 1
      ? `"${binding.hex(64)}"`
      : `"${binding.hex(11)}:APA91b${binding.hex(40)}"`
    const credential = binding.next() < 0.1 ? "null" : credentials[code]!
    const messageTypesJson = messageTypeSets[binding.next() < 0.7 ? 0 : binding.int(messageTypeSets.length)]!
    const userJson = identityJson[user] ??= `${JSON.stringify(identity)},"credential_sid":`
    const userLinks = linksJson[user] ??= `{"user":${
      JSON.stringify(`${serviceUrl}/Users/${encodeURIComponent(identity)}`)
    }}}`
    return `{"sid":"${sid}","account_sid":"${account}","service_sid":"${service}","date_created":"${
      formatGenerated(created)
    }","date_updated":"${
      formatGenerated(updated)
    }","endpoint":${endpoint},"identity":${userJson}${credential},"binding_type":"${
      BindingType.values[code]
    }","message_types":${messageTypesJson},"url":"${serviceUrl}/Bindings/${sid}","links":${userLinks}`
  }

  return BindingStore.make({
    serviceSid: service,
    size: count,
    bindingTypes,
    identityAt: (position) => identities[users[position]!] ?? null,
    jsonAt
  })
}

/**
 * The bindings of {@link generateStore}, in wire form.
 *
 * @since 0.1.0
 * @category Generators
 */
export const generateBindings = (options: GenerateOptions): ReadonlyArray<Binding.BindingWire> =>
  BindingStore.toWire(generateStore(options))

/**
 * Realistic identities: plain names, e-mail addresses, and strings that need percent-encoding
 * (spaces, `&`, `=`, `+`, non-ASCII) or are arbitrary Unicode.
 *
 * @since 0.1.0
 * @category Arbitraries
 */
export const identity: FastCheck.Arbitrary<string> = FastCheck.oneof(
  FastCheck.constantFrom("alice", "bob", "Zoë Ångström", "tom & jerry", "a=b", "c+d", "山田太郎", "josé maría", "100%"),
  FastCheck.emailAddress(),
  FastCheck.string({ unit: "grapheme", minLength: 1, maxLength: 16 })
)

const hexArbitrary = (bytes: number) =>
  FastCheck.uint8Array({ minLength: bytes, maxLength: bytes }).map((array) =>
    Array.from(array, (byte) => byte.toString(16).padStart(2, "0")).join("")
  )

/** A SID of the schema's kind: the schema's own arbitrary would work but is slow (one draw per hex digit). */
const sidOf = <Kind extends string>(schema: Sid.SidSchema<Kind>): FastCheck.Arbitrary<string> =>
  hexArbitrary(16).map((hex) => schema.prefix + hex)

const endpoint = FastCheck.oneof(
  hexArbitrary(32),
  FastCheck.tuple(hexArbitrary(6), hexArbitrary(20)).map(([head, tail]) => `${head.slice(0, 11)}:APA91b${tail}`)
)
const utcSeconds = FastCheck.integer({ min: DATE_BASE / 1000, max: DATE_BASE / 1000 + SECONDS_IN_8_YEARS }).map((
  seconds
) => isoSeconds(seconds * 1000))

/**
 * Options of {@link binding} and {@link bindings}.
 *
 * @since 0.1.0
 * @category Models
 */
export interface ArbitraryOptions {
  readonly serviceSid?: string | undefined
  readonly accountSid?: string | undefined
  readonly origin?: string | undefined
  /** Where identities come from (default {@link identity}). */
  readonly identity?: FastCheck.Arbitrary<string> | undefined
}

/**
 * An arbitrary realistic wire binding (it decodes with `Binding.Binding`); `url` and `links.user`
 * agree with its service, sid and identity.
 *
 * @since 0.1.0
 * @category Arbitraries
 */
export const binding = (options: ArbitraryOptions = {}): FastCheck.Arbitrary<Binding.BindingWire> =>
  FastCheck.record({
    sid: sidOf(Sid.BindingSid),
    account_sid: options.accountSid === undefined ? sidOf(Sid.AccountSid) : FastCheck.constant(options.accountSid),
    service_sid: options.serviceSid === undefined ? sidOf(Sid.ServiceSid) : FastCheck.constant(options.serviceSid),
    credential_sid: FastCheck.option(sidOf(Sid.CredentialSid), { nil: null, freq: 8 }),
    date_created: utcSeconds,
    date_updated: utcSeconds,
    endpoint: FastCheck.option(endpoint, { nil: null, freq: 8 }),
    identity: options.identity ?? identity,
    binding_type: FastCheck.constantFrom(...BindingType.values),
    message_types: FastCheck.option(FastCheck.subarray([...messageTypes]), { nil: null, freq: 8 })
  }).map(({ date_created, date_updated, identity, service_sid, sid, ...rest }) => {
    const serviceUrl = `${options.origin ?? DEFAULT_ORIGIN}/v2/Services/${service_sid}`
    const [created, updated] = date_created <= date_updated
      ? [date_created, date_updated]
      : [date_updated, date_created]
    return {
      ...rest,
      sid,
      service_sid,
      date_created: created,
      date_updated: updated,
      identity,
      url: `${serviceUrl}/Bindings/${sid}`,
      links: { user: `${serviceUrl}/Users/${encodeURIComponent(identity)}` }
    }
  })

/**
 * An arbitrary list of realistic bindings of one service, with distinct sids and identities drawn
 * from a small pool (so that identity filters match several bindings).
 *
 * @since 0.1.0
 * @category Arbitraries
 */
export const bindings = (
  options: ArbitraryOptions & { readonly minLength?: number | undefined; readonly maxLength?: number | undefined } = {}
): FastCheck.Arbitrary<ReadonlyArray<Binding.BindingWire>> =>
  FastCheck.tuple(
    options.serviceSid === undefined ? sidOf(Sid.ServiceSid) : FastCheck.constant(options.serviceSid),
    FastCheck.uniqueArray(options.identity ?? identity, { minLength: 1, maxLength: 5 })
  ).chain(([service, pool]) =>
    FastCheck.uniqueArray(
      binding({ ...options, serviceSid: service, identity: FastCheck.constantFrom(...pool) }),
      {
        minLength: options.minLength ?? 0,
        maxLength: options.maxLength ?? 30,
        selector: (binding) => binding.sid
      }
    )
  )
