/** A controllable clock: the mock store reads time only from it, so tests can travel in time. */
export interface Clock {
  /** The current instant, in epoch milliseconds. */
  now(): number;
  /** Moves time forward by `ms` (negative values move it back). */
  advance(ms: number): void;
  /** Jumps to an instant, in epoch milliseconds. */
  set(ms: number): void;
}

/** The instant fixtures are built around: 2026-01-15T09:00:00Z. */
export const DEFAULT_CLOCK_START = Date.UTC(2026, 0, 15, 9, 0, 0);

/** One day, in milliseconds, for `clock.advance(7 * DAY_MS)`. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a manual clock. Time never moves on its own.
 * @param startMs Epoch milliseconds. Defaults to 2026-01-15T09:00:00Z ({@link DEFAULT_CLOCK_START}).
 * @example
 * const clock = createClock();
 * clock.advance(8 * DAY_MS); // a 7-day invitation is now expired
 */
export function createClock(startMs: number = DEFAULT_CLOCK_START): Clock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
