import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import { ModelFileError } from "../../core/gguf/index.js";
import type { SafetensorsTensorInfo } from "./readSafetensorsHeader.js";
import { SafetensorsFile } from "./SafetensorsFile.js";

/** A tensor and the shard that holds it. */
export interface SafetensorsTensorRef {
  file: SafetensorsFile;
  info: SafetensorsTensorInfo;
}

/**
 * The weights of a Hugging Face folder: `NAME.safetensors`, or shards listed by
 * `NAME.safetensors.index.json` (`weight_map`: tensor → shard file). Every shard's header is checked when
 * the folder is opened, and every tensor the index names must be in the shard it names, so a broken
 * checkpoint fails before anything is written.
 */
export class SafetensorsModel {
  private constructor(
    readonly dir: string,
    readonly files: readonly SafetensorsFile[],
    private readonly byName: ReadonlyMap<string, SafetensorsTensorRef>,
  ) {}

  static async open(dir: string, baseName = "model"): Promise<SafetensorsModel> {
    const single = path.join(dir, `${baseName}.safetensors`);
    const index = path.join(dir, `${baseName}.safetensors.index.json`);
    if (existsSync(index)) return SafetensorsModel.openSharded(dir, index);
    if (existsSync(single)) return SafetensorsModel.fromFiles(dir, [await SafetensorsFile.open(single)]);
    throw new HammerError("NOT_FOUND", `no ${baseName}.safetensors or ${baseName}.safetensors.index.json in ${dir}${otherWeights(dir)}`, { location: dir });
  }

  private static async openSharded(dir: string, indexPath: string): Promise<SafetensorsModel> {
    let index: unknown;
    try {
      index = JSON.parse(await readFile(indexPath, "utf8"));
    } catch (e) {
      throw new ModelFileError(indexPath, `not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    const weightMap = (index as { weight_map?: unknown } | null)?.weight_map;
    if (typeof weightMap !== "object" || weightMap === null || Array.isArray(weightMap)) {
      throw new ModelFileError(indexPath, "weight_map is missing or not an object");
    }
    const shardNames = new Set<string>();
    for (const [tensor, shard] of Object.entries(weightMap)) {
      if (typeof shard !== "string" || shard === "" || shard !== path.basename(shard) || shard === "..") {
        throw new ModelFileError(indexPath, `weight_map["${tensor}"] is ${JSON.stringify(shard)}, not a file name in the model folder`, { tensor });
      }
      shardNames.add(shard);
    }
    if (shardNames.size === 0) throw new ModelFileError(indexPath, "weight_map lists no tensors");
    const files: SafetensorsFile[] = [];
    try {
      for (const shard of [...shardNames].sort()) files.push(await SafetensorsFile.open(path.join(dir, shard)));
      const model = SafetensorsModel.fromFiles(dir, files);
      for (const [tensor, shard] of Object.entries(weightMap as Record<string, string>)) {
        const ref = model.byName.get(tensor);
        if (ref === undefined || path.basename(ref.file.path) !== shard) {
          throw new ModelFileError(indexPath, `weight_map puts "${tensor}" in ${shard}, but ${shard} has no such tensor`, { tensor });
        }
      }
      return model;
    } catch (e) {
      await Promise.all(files.map((f) => f.close()));
      throw e;
    }
  }

  private static fromFiles(dir: string, files: SafetensorsFile[]): SafetensorsModel {
    const byName = new Map<string, SafetensorsTensorRef>();
    for (const file of files) {
      for (const info of file.header.tensors.values()) {
        const seen = byName.get(info.name);
        if (seen) {
          throw new ModelFileError(file.path, `tensor "${info.name}" is also in ${path.basename(seen.file.path)}`, { tensor: info.name });
        }
        byName.set(info.name, { file, info });
      }
    }
    return new SafetensorsModel(dir, files, byName);
  }

  get(name: string): SafetensorsTensorRef | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  async close(): Promise<void> {
    await Promise.all(this.files.map((f) => f.close()));
  }
}

function otherWeights(dir: string): string {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return " (the folder cannot be read)";
  }
  if (names.some((n) => n.endsWith(".bin") || n.endsWith(".pt") || n.endsWith(".pth"))) {
    return " (PyTorch pickle checkpoints are not read: re-save the model with save_pretrained(..., safe_serialization=True))";
  }
  const other = names.filter((n) => n.endsWith(".safetensors"));
  return other.length > 0 ? ` (found ${other.join(", ")}, but no index file naming them)` : "";
}
