/**
 * Runs a CommonJS bundle with V8's compiled code kept between runs: most of a short run's CPU is
 * spent compiling the bundle (several megabytes), and a code cache made at the end of a run holds
 * every function that run compiled, so the next run deserialises instead of compiling.
 *
 * Any doubt means no cache, never a wrong result: the cache file is named by a checksum of the
 * bundle's text, its length, the Node version and the architecture (V8 itself checks its version and
 * flags, but only the length of the source); its contents carry their own checksum (V8 does not
 * verify the payload in release builds); it is written to a temporary file and renamed, so a
 * concurrent run reads a whole file or none; and a directory that is not a private directory of the
 * current user is not used (a planted cache would be planted code).
 *
 * @internal
 */
import { isAscii } from "node:buffer"
import * as Fs from "node:fs"
import * as Module from "node:module"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Vm from "node:vm"
import * as Zlib from "node:zlib"

/** What happened to the cache in one load. */
export type CacheState =
  /** No usable cache directory: the bundle was loaded with `require`. */
  | "off"
  /** No cache file for this bundle, Node and architecture (or it failed its checksum). */
  | "missing"
  /** The cache was used. */
  | "used"
  /** V8 refused the cache (other flags, another V8 build): the bundle was compiled from its text. */
  | "rejected"

/** A loaded bundle. */
export interface Loaded {
  readonly state: CacheState
  /** The bundle's `module.exports`. */
  readonly exports: unknown
  /**
   * Writes the cache of everything compiled so far, when there was none or V8 refused it; call it
   * when the run ends (the functions compiled during the run are then in it). Never throws.
   */
  readonly save: () => void
}

const HEADER_BYTES = 4

const checksum = (data: Uint8Array): string => (Zlib.crc32(data) >>> 0).toString(16).padStart(8, "0")

/** The cache file of a bundle's bytes: anything that changes the compiled code changes the name. */
export const cacheFile = (directory: string, bundle: string, bytes: Uint8Array): string =>
  Path.join(
    directory,
    `${Path.basename(bundle)}-${checksum(bytes)}-${bytes.length}-${process.version}-${process.arch}.cache`
  )

/** The text of the bundle; an ASCII file (what esbuild writes by default) is decoded without a UTF-8 pass. */
const decode = (bytes: Buffer): string => isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8")

/** The cache's payload, if the file is whole (its checksum matches); `undefined` on any failure. */
const readCache = (file: string): Buffer | undefined => {
  try {
    const data = Fs.readFileSync(file)
    if (data.length <= HEADER_BYTES) return undefined
    const payload = data.subarray(HEADER_BYTES)
    return data.readUInt32LE(0) === Zlib.crc32(payload) >>> 0 ? payload : undefined
  } catch {
    return undefined
  }
}

const writeCache = (file: string, payload: Buffer): void => {
  const header = Buffer.alloc(HEADER_BYTES)
  header.writeUInt32LE(Zlib.crc32(payload) >>> 0, 0)
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`
  try {
    Fs.writeFileSync(temporary, Buffer.concat([header, payload]), { flag: "wx", mode: 0o600 })
    // rename is atomic: a concurrent reader sees the old file, the new one, or none
    Fs.renameSync(temporary, file)
  } catch {
    try {
      Fs.rmSync(temporary, { force: true })
    } catch {
      // nothing more to do: the next run will try again
    }
  }
}

/**
 * The directory the cache may use, created if needed: a directory (not a link) owned by the current
 * user and writable by no one else. `undefined` when there is none.
 */
export const privateDirectory = (directory: string): string | undefined => {
  try {
    Fs.mkdirSync(directory, { recursive: true, mode: 0o700 })
    const stats = Fs.lstatSync(directory)
    const uid = process.getuid?.()
    if (!stats.isDirectory() || (uid !== undefined && stats.uid !== uid) || (stats.mode & 0o022) !== 0) {
      return undefined
    }
    Fs.accessSync(directory, Fs.constants.W_OK)
    return directory
  } catch {
    return undefined
  }
}

/**
 * Where the bin keeps its cache: `NODE_COMPILE_CACHE` when set (the variable Node ≥ 22 reads for its
 * own compile cache), otherwise a per-user directory under the system's temporary directory; none
 * when `NODE_DISABLE_COMPILE_CACHE` is set.
 */
export const cacheDirectory = (env: NodeJS.ProcessEnv): string | undefined => {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== "") return undefined
  const given = env.NODE_COMPILE_CACHE
  const directory = given !== undefined && given !== ""
    ? given
    : Path.join(Os.tmpdir(), `twilio-bindings-cli-${process.getuid?.() ?? "user"}`)
  return privateDirectory(directory)
}

const nothingToSave = () => {}

/**
 * Loads the CommonJS file `bundle` as a module, with the cache of `directory` (none: a plain
 * `require`). The bundle gets its own `require`, `module`, `__filename` and `__dirname`, as Node's
 * loader gives them.
 */
export const load = (bundle: string, directory: string | undefined): Loaded => {
  const require = Module.createRequire(bundle)
  if (directory === undefined) return { state: "off", exports: require(bundle), save: nothingToSave }
  const bytes = Fs.readFileSync(bundle)
  const source = decode(bytes)
  const file = cacheFile(directory, bundle, bytes)
  const cached = readCache(file)
  // the same wrapper as Node's CommonJS loader; a shebang, valid only at the very start, becomes a comment
  const body = source.startsWith("#!") ? "//" + source.slice(2) : source
  const script = new Vm.Script(Module.wrap(body), {
    filename: bundle,
    ...(cached === undefined ? {} : { cachedData: cached }),
    importModuleDynamically: Vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  })
  const state: CacheState = cached === undefined ? "missing" : script.cachedDataRejected === true ? "rejected" : "used"
  const module = { exports: {}, filename: bundle, id: bundle, path: Path.dirname(bundle), loaded: false, require }
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string
  ) => void
  wrapper.call(module.exports, module.exports, require, module, bundle, Path.dirname(bundle))
  module.loaded = true
  return {
    state,
    exports: module.exports,
    save: state === "used" ? nothingToSave : () => {
      try {
        writeCache(file, script.createCachedData())
      } catch {
        // a cache that cannot be made is no cache
      }
    }
  }
}
