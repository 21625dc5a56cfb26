#!/usr/bin/env node
/**
 * The `bindings` bin: runs the program (`dist/main.cjs`, bundled from `bin/main.ts`) with V8's code
 * cache, which spares a short run most of the time it would spend compiling the bundle.
 */
import * as Path from "node:path"
import * as CodeCache from "../src/internal/codeCache.js"

const main = CodeCache.load(Path.join(__dirname, "main.cjs"), CodeCache.cacheDirectory(process.env))
// at exit, every function the run compiled is in the cache
process.once("exit", main.save)
