import type { Refusal } from './refusal';

/**
 * Optimistic concurrency: a write that carries the version the caller read (`expectedVersion`)
 * is refused with `conflict`/`stale` when the record's version is now another. Without an
 * expected version there is nothing to check (last write wins).
 * @example
 * enforce(checkVersion(expectedVersion, String(rec.version))); // backend side, before any change
 */
export function checkVersion(expected: string | undefined, actual: string | undefined): Refusal | null {
  if (expected === undefined) return null;
  if (expected === actual) return null;
  return {
    code: 'conflict',
    reason: 'stale',
    message: `The record changed since it was read (version ${JSON.stringify(expected)} expected, now ${JSON.stringify(actual ?? null)})`,
  };
}
