import { Option, type Command } from "commander";
import cliProgress from "cli-progress";
import {
  DATASET_MANIFEST,
  defaultDatasetsDir,
  fetchDatasets,
  listDatasets,
  type DatasetGroup,
  type FetchedFile,
} from "../../eval/index.js";
import { EXIT_CODES } from "../../core/errorCodes.js";
import { action } from "../run.js";

interface FetchFlags {
  to?: string;
  from?: string;
  only?: DatasetGroup;
}

interface ListFlags {
  dir?: string;
  json?: boolean;
}

/** `hammer datasets fetch|list`: the pinned BFCL v3 and Hammer eval files. */
export function register(program: Command): void {
  const datasets = program.command("datasets").description("Download and verify the pinned benchmark files (BFCL v3, Hammer eval sets)");

  datasets
    .command("fetch")
    .description("Download the pinned upstream files (or copy them from a local mirror), checking size and sha256")
    .option("--to <dir>", "destination folder (default: the datasets cache)")
    .option("--from <dir>", "copy from a local mirror with the same layout instead of downloading")
    .addOption(new Option("--only <group>", "fetch one group only").choices(["bfcl", "hammer"]))
    .action(
      action(async (flags: FetchFlags) => {
        const to = flags.to ?? defaultDatasetsDir();
        const manifest = flags.only ? DATASET_MANIFEST.filter((f) => f.group === flags.only) : DATASET_MANIFEST;
        const tty = process.stderr.isTTY === true;
        const bar = tty ? new cliProgress.SingleBar({ format: "{file} [{bar}] {percentage}% {value}/{total} bytes", stream: process.stderr, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
        let current = "";
        const results = await fetchDatasets({
          to,
          ...(flags.from !== undefined ? { from: flags.from } : {}),
          manifest,
          onProgress: (p) => {
            if (!bar) return;
            if (p.path !== current) {
              if (current) bar.stop();
              current = p.path;
              bar.start(p.total ?? 0, 0, { file: p.path });
            }
            bar.setTotal(p.total ?? Math.max(p.received, 1));
            bar.update(p.received, { file: p.path });
          },
          onFile: (f) => {
            if (bar && current) {
              bar.stop();
              current = "";
            }
            if (f.status !== "present") process.stderr.write(`${describe(f)}\n`);
          },
        });
        const count = (s: FetchedFile["status"]): number => results.filter((r) => r.status === s).length;
        process.stderr.write(
          `hammer: ${count("fetched")} fetched, ${count("present")} already present, ${count("not in mirror")} not in the mirror, ${count("failed")} failed → ${to}\n`,
        );
        // Files that fail verification (or an HTTP error) are a failed check; a network failure throws (exit 5).
        if (count("failed") > 0) process.exitCode = EXIT_CODES.checkFailed;
      }),
    );

  datasets
    .command("list")
    .description("Show which pinned files are present and verified (ok / missing / size mismatch / hash mismatch)")
    .option("--dir <dir>", "data folder (default: the datasets cache)")
    .option("--json", "print a JSON array of {path, status, size, expected_size}")
    .action(
      action(async (flags: ListFlags) => {
        const dir = flags.dir ?? defaultDatasetsDir();
        const rows = await listDatasets(dir);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(rows.map((r) => ({ path: r.path, status: r.status, size: r.size ?? null, expected_size: r.expectedSize ?? null })))}\n`);
        } else {
          const w = Math.max(...rows.map((r) => r.status.length));
          process.stdout.write(`${dir}\n`);
          for (const r of rows) process.stdout.write(`${r.status.padEnd(w)}  ${r.path}\n`);
          const ok = rows.filter((r) => r.status === "ok").length;
          process.stdout.write(`${ok} of ${rows.length} files verified\n`);
        }
        // Corrupt files are a failure; absent ones are just not fetched yet.
        if (rows.some((r) => r.status === "size mismatch" || r.status === "hash mismatch")) process.exitCode = EXIT_CODES.checkFailed;
      }),
    );
}

function describe(f: FetchedFile): string {
  return `${f.status.padEnd(13)} ${f.path}${f.detail ? ` (${f.detail})` : ""}`;
}
