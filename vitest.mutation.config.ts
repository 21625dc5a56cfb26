/**
 * The test projects that mutation testing runs (`stryker.config.mjs`): those of the packages it
 * mutates, so that a package's score counts its own tests only. The projects' settings are the
 * workspace's own.
 */
import { defineConfig } from "vitest/config"
import workspace from "./vitest.workspace.js"

const mutated = new Set(["domain", "http", "stream"])

export default defineConfig({
  test: {
    projects: workspace.filter((project) =>
      typeof project === "object" && "test" in project && mutated.has(project.test?.name as string)
    )
  }
})
