import { setFlagsFromString } from "node:v8";

/** The V8 flag {@link useSerialScavenges} sets. */
export const SERIAL_SCAVENGES_FLAG = "--no-parallel-scavenge";

/**
 * Make young-generation GCs of this process single-threaded (V8's `--no-parallel-scavenge`).
 * A data build keeps every core busy with its own threads, so a worker's scavenge that hands
 * work to V8's helper threads mostly waits for them to be scheduled (bench:data: ~4% less
 * time, less system time). The flag is process-wide and V8 reads it at each scavenge, so it is
 * safe to set at any point — but only a process dedicated to the build (the CLI's `data build`)
 * should: a library caller's other work would get serial scavenges too.
 */
export function useSerialScavenges(): void {
  setFlagsFromString(SERIAL_SCAVENGES_FLAG);
}
