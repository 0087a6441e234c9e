// The dependency-direction rule: imports may only point down the layers of the monorepo, and only through a
// package's public entry points.
//
//   layer 0  packages/core                 may import effect and ts-pattern only
//   layer 1  packages/storage/*, packages/connectors/*
//   layer 2  examples/*
//
// It also forbids reaching into another package's `src/` or `internal/` folders, by package name or by
// relative path.
import * as path from "node:path"

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..")

/** @typedef {{ name: string, dir: string, layer: number }} Workspace */

/**
 * Which workspace a file belongs to, from its path relative to the repository root.
 * @param {string} file absolute path
 * @returns {Workspace | undefined}
 */
export const workspaceOf = (file) => {
  const rel = path.relative(repoRoot, file).split(path.sep)
  if (rel[0] === "packages" && rel[1] === "core") return { name: "core", dir: "packages/core", layer: 0 }
  if (rel[0] === "packages" && (rel[1] === "storage" || rel[1] === "connectors") && rel[2] !== undefined) {
    return { name: `${rel[1]}/${rel[2]}`, dir: `packages/${rel[1]}/${rel[2]}`, layer: 1 }
  }
  if (rel[0] === "examples" && rel[1] !== undefined) return { name: `examples/${rel[1]}`, dir: `examples/${rel[1]}`, layer: 2 }
  return undefined
}

/**
 * The layer of a workspace package named by an import specifier, if it is one of ours.
 * @param {string} pkg
 * @returns {number | undefined}
 */
const layerOfPackage = (pkg) => {
  if (pkg === "@quartermaster/core") return 0
  if (/^@quartermaster\/(storage|connector)-/.test(pkg)) return 1
  if (/^@quartermaster\/example-/.test(pkg)) return 2
  return undefined
}

/** External packages core's tests and benchmarks may import besides its runtime dependencies. */
const CORE_EXTERNALS = new Set(["effect", "ts-pattern", "@effect/vitest", "vitest", "fast-check"])

/**
 * @param {string} specifier
 * @returns {string}
 */
const packageName = (specifier) => {
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier)
}

/** @type {import("eslint").Rule.RuleModule} */
export const dependencyDirection = {
  meta: {
    type: "problem",
    docs: { description: "Imports point down the layers (core ← adapters ← examples) and only through public entry points." },
    schema: [],
    messages: {
      upward: "{{from}} (layer {{fromLayer}}) must not import {{target}} (layer {{toLayer}}): dependencies point from examples to adapters to core, never back.",
      privatePath: "{{target}} reaches into another package's {{segment}}/ folder; import its public entry point instead.",
      crossRelative: "{{target}} leaves this package by relative path; import other packages by their package name.",
      coreExternal: "core may depend on effect and ts-pattern only, not {{target}}."
    }
  },
  create(context) {
    const file = context.filename
    const from = workspaceOf(file)
    if (from === undefined) return {}
    const relInPackage = path.relative(path.join(repoRoot, from.dir), file).split(path.sep)
    const inCoreSrc = from.name === "core" && relInPackage[0] === "src"
    const inCoreTests = from.name === "core" && (relInPackage[0] === "test" || relInPackage[0] === "bench")

    /** @param {any} node @param {string} specifier */
    const check = (node, specifier) => {
      if (specifier.startsWith(".")) {
        const target = path.resolve(path.dirname(file), specifier)
        if (path.relative(path.join(repoRoot, from.dir), target).startsWith("..")) {
          context.report({ node, messageId: "crossRelative", data: { target: specifier } })
        }
        return
      }
      if (specifier.startsWith("node:")) {
        if (inCoreSrc) context.report({ node, messageId: "coreExternal", data: { target: specifier } })
        return
      }
      const pkg = packageName(specifier)
      const sub = specifier.slice(pkg.length + 1).split("/")
      const toLayer = layerOfPackage(pkg)
      if (toLayer !== undefined) {
        const segment = sub.find((s) => s === "src" || s === "internal")
        if (segment !== undefined) {
          context.report({ node, messageId: "privatePath", data: { target: specifier, segment } })
        }
        if (toLayer > from.layer || (toLayer === from.layer && from.layer === 0 && pkg !== "@quartermaster/core")) {
          context.report({
            node,
            messageId: "upward",
            data: { from: from.name, fromLayer: String(from.layer), target: specifier, toLayer: String(toLayer) }
          })
        }
        return
      }
      if (inCoreSrc && !(pkg === "effect" || pkg === "ts-pattern")) {
        context.report({ node, messageId: "coreExternal", data: { target: specifier } })
      } else if (inCoreTests && !CORE_EXTERNALS.has(pkg) && !pkg.startsWith("@quartermaster/")) {
        context.report({ node, messageId: "coreExternal", data: { target: specifier } })
      }
    }

    /** @param {any} node */
    const fromSource = (node) => {
      if (node.source && node.source.type === "Literal" && typeof node.source.value === "string") {
        check(node, node.source.value)
      }
    }
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource
    }
  }
}

export default {
  meta: { name: "quartermaster" },
  rules: { "dependency-direction": dependencyDirection }
}
