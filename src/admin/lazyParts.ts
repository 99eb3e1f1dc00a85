import { lazy, type ComponentType } from 'react';

/** A module the screen loads on demand: once loading, every caller shares one promise; a failed load can be tried again. */
export interface LazyPart<M> {
  /** Starts loading (once) and resolves with the module. */
  load(): Promise<M>;
  /** The module once loaded, else `undefined`. */
  loaded(): M | undefined;
}

export function lazyPart<M>(importer: () => Promise<M>): LazyPart<M> {
  let promise: Promise<M> | undefined;
  let module: M | undefined;
  return {
    load: () =>
      (promise ??= importer().then(
        (m) => (module = m),
        (error: unknown) => {
          promise = undefined;
          throw error;
        },
      )),
    loaded: () => module,
  };
}

/**
 * A `React.lazy` component over one export of a {@link LazyPart}. When the part is already
 * loaded (prefetched), the first render reads it synchronously, so nothing suspends and no
 * fallback flashes.
 */
export function lazyComponent<M, P>(part: LazyPart<M>, pick: (module: M) => ComponentType<P>) {
  return lazy<ComponentType<P>>(() => {
    const ready = part.loaded();
    if (ready) {
      const component = pick(ready);
      // A thenable that calls back at once: React's lazy then resolves during the same render.
      return { then: (resolve: (value: { default: ComponentType<P> }) => void) => resolve({ default: component }) } as unknown as Promise<{ default: ComponentType<P> }>;
    }
    return part.load().then((m) => ({ default: pick(m) }));
  });
}

/** Runs `task` when the browser is idle (`requestIdleCallback`, else a timeout); returns a canceller. */
export function whenIdle(task: () => void, timeout = 2000): () => void {
  const w = typeof window === 'undefined' ? undefined : (window as Window & typeof globalThis);
  if (!w) return () => {};
  if (typeof w.requestIdleCallback === 'function') {
    const id = w.requestIdleCallback(task, { timeout });
    return () => w.cancelIdleCallback(id);
  }
  const id = setTimeout(task, 200);
  return () => clearTimeout(id);
}
