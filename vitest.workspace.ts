/**
 * The test projects, one per package. Vitest 3.2 deprecates this file in favour of `test.projects`
 * in a root `vitest.config.ts`; it is kept because the repository layout is the user's design
 * (see README, "Tests").
 */
import { defineWorkspace } from "vitest/config"

const packages = ["domain", "http", "stream", "testing", "cli"]

export default defineWorkspace(packages.map((name) => ({
  test: {
    name,
    root: `./packages/${name}`,
    include: ["test/**/*.test.ts"],
    // A pagination bug must fail a test, never stall the run.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000
  }
})))
