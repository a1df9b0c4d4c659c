/**
 * A lock file beside the cloud's state file, so that two processes serving the same cloud (the
 * stand-in provider plugin and the local ECS API under `pulumi-sim`) never interleave a
 * read-change-write and lose one another's change. Synchronous, as the operations are.
 */
import { closeSync, openSync, rmSync, statSync } from "node:fs";

/** A lock older than this is left by a process that died: taken over. */
const STALE_MS = 30_000;
const WAIT_MS = 10_000;

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `op` while holding `<file>.lock`. */
export function withFileLock<T>(file: string, op: () => T): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (Date.now() - lockTime(lock) > STALE_MS) rmSync(lock, { force: true });
      else if (Date.now() > deadline)
        throw new Error(
          `The simulated cloud ${file} stayed locked for ${WAIT_MS / 1000} s (${lock}); remove the lock file if no pulumi-sim runs.`,
        );
      else Atomics.wait(pause, 0, 0, 5);
    }
  }
  try {
    return op();
  } finally {
    rmSync(lock, { force: true });
  }
}

function lockTime(lock: string): number {
  try {
    return statSync(lock).mtimeMs;
  } catch {
    return Date.now();
  }
}
