import { hashKey, type QueryClient, type QueryKey, type QueryObserverResult } from '@tanstack/react-query';
import { useLayoutEffect, useReducer, useState } from 'react';

/** The observer fields a hook of the group reads: a change of one of them is worth a render. */
export type LandTogetherProps = ReadonlyArray<keyof QueryObserverResult>;

/** What a query of the group takes as `notifyOnChangeProps`. */
export type LandTogetherNotify = () => Array<keyof QueryObserverResult> | 'all';

/**
 * Internal: lets the queries of one component that load together (the users list's page and its
 * view counts) reach React in one commit instead of one commit each.
 *
 * A query of the group whose answer lands while another query of the group is still fetching does
 * not notify its component: the answer that lands last renders the earlier ones too (a render reads every query's
 * latest state, whether it notified or not). So a search whose page and counts both answer before the
 * next frame is one commit, not two. An answer is never held past the next animation frame (or
 * {@link LAND_TOGETHER_MAX_HOLD_MS} when no frame comes, e.g. in a hidden tab): then it renders on its
 * own, so a slow query never delays another one's paint.
 *
 * Only fields listed in a member's `props` notify (the fields the hook reads), so a change nobody
 * renders (`isStale`, `dataUpdatedAt`, ...) is no commit either.
 */
export class LandTogether {
  readonly #client: QueryClient;
  readonly #render: () => void;
  readonly #keys = new Map<string, readonly QueryKey[]>();
  #held: (() => void) | null = null;

  constructor(client: QueryClient, render: () => void) {
    this.#client = client;
    this.#render = render;
  }

  /**
   * The `notifyOnChangeProps` of a member's query (by its index in `keys`): its `props`, or none when
   * its answer has just landed while another query of the group is still fetching. Also records the
   * member's keys for this render (call it in render, before the queries' hooks).
   */
  member(name: string, keys: readonly QueryKey[], props: LandTogetherProps): (index: number) => LandTogetherNotify {
    this.#keys.set(name, keys);
    // What this render shows of each query: an answer is what comes after it.
    const shown = keys.map((key) => {
      const state = this.#client.getQueryState(key);
      return { dataUpdatedAt: state?.dataUpdatedAt ?? 0, errorUpdatedAt: state?.errorUpdatedAt ?? 0 };
    });
    return (index) => () => {
      const self = keys[index];
      const state = self && this.#client.getQueryState(self);
      const landed =
        state !== undefined &&
        state.fetchStatus !== 'fetching' &&
        (state.dataUpdatedAt !== shown[index]?.dataUpdatedAt || state.errorUpdatedAt !== shown[index]?.errorUpdatedAt);
      if (!landed) return [...props];
      if (this.#othersFetching(self)) {
        this.#hold();
        return [];
      }
      if (this.#held) {
        // The last answer of the group: its notification renders the held ones too (and surely
        // notifies: an answer changes `dataUpdatedAt` or `errorUpdatedAt`), so no fallback render.
        this.#held();
        this.#held = null;
        return 'all';
      }
      return [...props];
    };
  }

  /** Called after every commit of the component: whatever was held is on screen now. */
  committed(): void {
    this.#held?.();
    this.#held = null;
  }

  /** Stops a pending fallback render (unmount). */
  dispose(): void {
    this.committed();
  }

  #othersFetching(self: QueryKey | undefined): boolean {
    const selfHash = self && hashKey(self);
    for (const keys of this.#keys.values()) {
      for (const key of keys) {
        if (hashKey(key) === selfHash) continue;
        if (this.#client.getQueryState(key)?.fetchStatus === 'fetching') return true;
      }
    }
    return false;
  }

  /** A held answer renders at the next frame at the latest, unless a commit shows it before. */
  #hold(): void {
    if (this.#held) return;
    let done = false;
    const fire = () => {
      if (done) return;
      done = true;
      cancel();
      this.#held = null;
      this.#render();
    };
    const timer = setTimeout(fire, LAND_TOGETHER_MAX_HOLD_MS);
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fire) : undefined;
    const cancel = () => {
      done = true;
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
    this.#held = cancel;
  }
}

/** The longest an answer waits for the other queries of its group when no animation frame comes, in ms. */
export const LAND_TOGETHER_MAX_HOLD_MS = 50;

/**
 * Internal: a {@link LandTogether} for the calling component, which re-renders it when a held
 * answer's wait is over.
 * @example
 * const landing = useLandTogether(queryClient);
 * useQuery({ ...options, notifyOnChangeProps: landing.member('list', [key], ['data', 'error'])(0) });
 */
export function useLandTogether(client: QueryClient): LandTogether {
  const [, render] = useReducer((n: number) => n + 1, 0);
  const [landing] = useState(() => new LandTogether(client, render));
  useLayoutEffect(() => landing.committed());
  useLayoutEffect(() => () => landing.dispose(), [landing]);
  return landing;
}
