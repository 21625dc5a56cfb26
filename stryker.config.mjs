/**
 * Mutation testing (`pnpm mutate`): StrykerJS puts small bugs into the library's sources one at a
 * time and runs the tests of the package; a mutant that no test notices is a gap in the tests.
 * Not part of CI: a full run takes long. `pnpm mutate --mutate "packages/domain/src/**\/*.ts"`
 * measures one package. Concurrency 1: the machine is shared; raise it with `--concurrency n`.
 *
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  packageManager: "pnpm",
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: [
    "packages/domain/src/**/*.ts",
    "packages/http/src/**/*.ts",
    "packages/stream/src/**/*.ts"
  ],
  concurrency: 1,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  // `pnpm mutate --incremental` tests again only the mutants whose code or tests changed
  incrementalFile: "reports/mutation/stryker-incremental.json",
  cleanTempDir: "always",
  thresholds: { high: 90, low: 80, break: null }
}
