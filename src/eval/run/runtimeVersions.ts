import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface RuntimeVersions {
  hammer_fc: string | null;
  node: string;
  node_llama_cpp: string | null;
}

let cached: RuntimeVersions | undefined;

/** Versions recorded with every run: this package, Node and node-llama-cpp (null when not found). */
export function runtimeVersions(): RuntimeVersions {
  cached ??= { hammer_fc: ownVersion(), node: process.versions.node, node_llama_cpp: dependencyVersion("node-llama-cpp") };
  return cached;
}

// Walk up from this file (src/ or dist/) rather than import package.json: both layouts work.
function ownVersion(): string | null {
  for (const dir of ancestors()) {
    const v = versionIn(path.join(dir, "package.json"), "hammer-fc");
    if (v !== undefined) return v;
  }
  return null;
}

function dependencyVersion(name: string): string | null {
  for (const dir of ancestors()) {
    const v = versionIn(path.join(dir, "node_modules", name, "package.json"), name);
    if (v !== undefined) return v;
  }
  return null;
}

function* ancestors(): Generator<string> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    yield dir;
    const up = path.dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

function versionIn(file: string, name: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
    return pkg.name === name && typeof pkg.version === "string" ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
