/**
 * The test projects, one per workspace package (bench holds the small fault soak). Vitest 3.2 deprecates this file in favour of `test.projects`
 * in a root `vitest.config.ts`; it is kept because the repository layout is the user's design
 * (see README, "Tests").
 */
import { defineWorkspace } from "vitest/config"

const projects = [
  ["domain", "./packages/domain"],
  ["http", "./packages/http"],
  ["stream", "./packages/stream"],
  ["testing", "./packages/testing"],
  ["cli", "./packages/cli"],
  ["bench", "./bench"]
]

export default defineWorkspace(projects.map(([name, root]) => ({
  test: {
    name,
    root,
    include: ["test/**/*.test.ts"],
    // A pagination bug must fail a test, never stall the run.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000
  }
})))
