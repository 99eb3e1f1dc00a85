import { useCallback, useRef, useState } from 'react';

/**
 * Internal: Radix-style controlled-or-not state. `value` wins when given; `onChange` is called on
 * every change either way. The setter accepts a value or an updater of the latest value, and
 * consecutive calls in one event compose.
 */
export function useControllable<T>(value: T | undefined, defaultValue: T | (() => T), onChange: ((next: T) => void) | undefined) {
  const [internal, setInternal] = useState<T>(defaultValue);
  const current = value !== undefined ? value : internal;
  const latest = useRef(current);
  latest.current = current;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const set = useCallback((next: T | ((previous: T) => T)) => {
    const resolved = typeof next === 'function' ? (next as (previous: T) => T)(latest.current) : next;
    if (Object.is(resolved, latest.current)) return;
    latest.current = resolved;
    setInternal(resolved);
    onChangeRef.current?.(resolved);
  }, []);
  return [current, set] as const;
}
