// Builds the bin: `dist/main.cjs`, the whole program in one CommonJS bundle, and `dist/bindings.cjs`,
// the small launcher that runs it with V8's code cache (see src/internal/codeCache.ts).
import * as esbuild from "esbuild"
import { fileURLToPath } from "node:url"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

const common = {
  absWorkingDir: packageDir,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
  // no comments or indentation: less text to read and hash on every run (the bin never prints a stack trace)
  minifyWhitespace: true,
  // the licences of the bundled code go to a file beside it (main.cjs.LEGAL.txt), so the bundle is ASCII
  legalComments: "linked"
}

await Promise.all([
  esbuild.build({ ...common, entryPoints: ["bin/main.ts"], outfile: "dist/main.cjs" }),
  esbuild.build({ ...common, entryPoints: ["bin/bindings.ts"], outfile: "dist/bindings.cjs" })
])
