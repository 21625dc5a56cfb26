/**
 * Runs the bundle named by $BENCH_BUNDLE with V8's code cache, exactly as the CLI's bin runs its own
 * bundle (the same module, `packages/cli/src/internal/codeCache.ts`): for the floors measured beside
 * the bin, so that a difference between them is not the cache. The warm-up round writes the cache.
 */
import * as CodeCache from "../../../packages/cli/src/internal/codeCache.js"

const bundle = process.env.BENCH_BUNDLE
if (bundle === undefined || bundle === "") throw new Error("BENCH_BUNDLE is not set")
const loaded = CodeCache.load(bundle, CodeCache.cacheDirectory(process.env))
process.once("exit", loaded.save)
