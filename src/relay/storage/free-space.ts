import { statfs } from 'node:fs/promises';

/** `storage.minFreeBytes` when the config leaves it out: 256 MiB. */
export const DEFAULT_MIN_FREE_BYTES = 256 * 1024 ** 2;

/** Bytes free for this process on the file system holding `dir`. */
export type FreeSpaceProbe = (dir: string) => Promise<number>;

/** `fs.statfs`: blocks available to an unprivileged writer, times the block size. */
export const statfsProbe: FreeSpaceProbe = async (dir) => {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
};

export type FreeSpaceVerdict = { ok: true; freeBytes?: number } | { ok: false; freeBytes: number; reason: string };

export interface FreeSpaceGuard {
  /** Whether there is at least the floor free, from a probe at most `cacheMs` old. */
  check(nowMs: number): Promise<FreeSpaceVerdict>;
}

export interface FreeSpaceGuardOptions {
  /** The directory of the SQLite database (its WAL and journal live beside it). */
  dir: string;
  /** `storage.minFreeBytes`. */
  minFreeBytes: number;
  /** @default statfsProbe */
  probe?: FreeSpaceProbe;
  /** How long one probe answers for. @default 1000 */
  cacheMs?: number;
  /** Called when the verdict flips (for one log line per change, not one per request). @default none */
  onChange?(verdict: FreeSpaceVerdict): void;
}

/**
 * The free-space floor of `storage.minFreeBytes`. SQLite survives a full disk (the write fails and rolls back), but
 * each write then fails at random, the WAL cannot checkpoint, and the OS and other programs suffer too: below the
 * floor the relay refuses reports up front, which the client retries later, and `/healthz` says why. One probe at a
 * time, cached, so a busy relay asks the file system about once a second. A probe that fails (the directory is
 * gone, statfs unsupported) does not take the relay down: the verdict is ok and the storage error, if any, speaks.
 */
export function createFreeSpaceGuard(options: FreeSpaceGuardOptions): FreeSpaceGuard {
  const probe = options.probe ?? statfsProbe;
  const cacheMs = options.cacheMs ?? 1000;
  let cached: { at: number; verdict: Promise<FreeSpaceVerdict> } | undefined;
  let lastOk = true;

  const judge = async (): Promise<FreeSpaceVerdict> => {
    let freeBytes: number;
    try {
      freeBytes = await probe(options.dir);
    } catch {
      return { ok: true };
    }
    const verdict: FreeSpaceVerdict =
      freeBytes >= options.minFreeBytes
        ? { ok: true, freeBytes }
        : { ok: false, freeBytes, reason: `${freeBytes} bytes free for the database, under storage.minFreeBytes ${options.minFreeBytes}` };
    if (verdict.ok !== lastOk) {
      lastOk = verdict.ok;
      options.onChange?.(verdict);
    }
    return verdict;
  };

  return {
    check(now) {
      if (!cached || now - cached.at >= cacheMs || now < cached.at) cached = { at: now, verdict: judge() };
      return cached.verdict;
    },
  };
}
