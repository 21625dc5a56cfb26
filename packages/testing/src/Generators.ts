/**
 * Realistic Bindings: a fast seeded generator for big stores, and fast-check arbitraries for
 * property tests.
 *
 * @since 0.1.0
 */
import type { Binding } from "@twilio-bindings/domain"
import { BindingType, Sid, TwilioDateTime } from "@twilio-bindings/domain"
import { DateTime, FastCheck } from "effect"
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

const messageTypeSets: ReadonlyArray<ReadonlyArray<string> | null> = [
  messageTypes,
  ["new_message"],
  ["new_message", "added_to_channel", "invited_to_channel"],
  [],
  null
]

const DATE_BASE = Date.UTC(2016, 0, 1)
const SECONDS_IN_8_YEARS = 8 * 365 * 24 * 3600
const SECONDS_IN_A_YEAR = 365 * 24 * 3600

/** Twilio's wire form of an instant given in whole seconds since the epoch. */
const wireDate = (seconds: number): string => TwilioDateTime.format(DateTime.unsafeMake(seconds * 1000))

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
  /**
   * The share (0 to 1) of `twilsock` bindings, which only Conversations shows. Default 0: a store of
   * a seed without it is the same as it always was.
   */
  readonly twilsock?: number | undefined
}

/**
 * Generates a store of realistic bindings: about three per identity (several devices per user),
 * all three binding types, some `endpoint` / `credential_sid` / `message_types` null, identities
 * with spaces, `&`, `=`, `+`, `%`, `/` and non-ASCII characters.
 *
 * Deterministic for a seed and fast: each binding has its own seeded PRNG (from the store's seed and
 * its position), so only its type and identity are drawn up front and the binding itself is built
 * when it is served. A million bindings cost a few megabytes.
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
  const credentials = BindingType.values.map(() => `CR${random.hex(32)}`)
  const twilsock = options.twilsock ?? 0

  const poolSize = Math.max(1, Math.ceil(count / 3))
  const identities: Array<string> = new Array(poolSize)
  for (let n = 0; n < poolSize; n++) identities[n] = random.pick(identityTemplates)(n)

  // Per-identity links, built the first time one of the identity's bindings is served.
  const links: Array<{ readonly user: string } | undefined> = new Array(poolSize)
  const users = new Int32Array(count)
  const bindingTypes = new Uint8Array(count)
  // The first draws of a binding's PRNG fix its user and type; `wireAt` replays them.
  const draw = (position: number) => {
    const binding = Prng.make(Prng.hash(options.seed, position))
    const user = binding.int(poolSize)
    const roll = binding.next()
    // drawn only for a store that has twilsock bindings: other stores keep their sequences
    if (twilsock > 0 && binding.next() < twilsock) return { binding, user, code: BindingStore.TWILSOCK }
    return { binding, user, code: roll < 0.2 ? 0 : roll < 0.6 ? 1 : 2 }
  }
  for (let position = 0; position < count; position++) {
    const { code, user } = draw(position)
    users[position] = user
    bindingTypes[position] = code
  }

  const wireAt = (position: number): BindingStore.StoredBinding => {
    const { binding, code, user } = draw(position)
    const identity = identities[user]!
    const sid = "BS" + binding.hex(24) + (position >>> 0).toString(16).padStart(8, "0")
    const created = binding.int(SECONDS_IN_8_YEARS)
    const updated = binding.next() < 0.5 ? created : created + binding.int(SECONDS_IN_A_YEAR)
    const endpoint = binding.next() < 0.05
      ? null
      : code === 1
      ? binding.hex(64)
      : code === BindingStore.TWILSOCK
      ? `twilsock:${binding.hex(32)}`
      : `${binding.hex(11)}:APA91b${binding.hex(40)}`
    // a twilsock binding is Twilio's own connection: no push credential
    const credential = binding.next() < 0.1 || code === BindingStore.TWILSOCK ? null : credentials[code]!
    const bindingMessageTypes = messageTypeSets[binding.next() < 0.7 ? 0 : binding.int(messageTypeSets.length)]!
    const createdText = wireDate(DATE_BASE / 1000 + created)
    return {
      sid,
      account_sid: account,
      service_sid: service,
      credential_sid: credential,
      date_created: createdText,
      date_updated: updated === created ? createdText : wireDate(DATE_BASE / 1000 + updated),
      endpoint,
      identity,
      binding_type: BindingType.conversationsValues[code]!,
      message_types: bindingMessageTypes,
      url: `${serviceUrl}/Bindings/${sid}`,
      links: links[user] ??= { user: `${serviceUrl}/Users/${encodeURIComponent(identity)}` }
    }
  }

  return {
    serviceSid: service,
    size: count,
    bindingTypes,
    identityAt: (position) => identities[users[position]!] ?? null,
    wireAt
  }
}

/**
 * The bindings of {@link generateStore}, in Chat's wire form (so without `twilsock` ones).
 *
 * @since 0.1.0
 * @category Generators
 */
export const generateBindings = (options: Omit<GenerateOptions, "twilsock">): ReadonlyArray<Binding.BindingWire> =>
  // a store generated without twilsock holds Chat's types only
  BindingStore.toWire(generateStore(options)) as ReadonlyArray<Binding.BindingWire>

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
const utcSeconds = FastCheck.integer({ min: DATE_BASE / 1000, max: DATE_BASE / 1000 + SECONDS_IN_8_YEARS }).map(
  wireDate
)

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
