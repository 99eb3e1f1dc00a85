/**
 * Internal: splits a component's props into the ones named in `keys` (a hook's options) and the
 * rest (view and DOM props), so an option never lands on a DOM element.
 * @example
 * const [options, rest] = splitProps(props, ['state', 'onStateChange']);
 */
export function splitProps<P extends object, K extends PropertyKey>(props: P, keys: readonly K[]): [Record<K, unknown>, Omit<P, K>] {
  const picked: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  const names: ReadonlySet<PropertyKey> = new Set(keys);
  for (const [key, value] of Object.entries(props)) (names.has(key) ? picked : rest)[key] = value;
  return [picked as Record<K, unknown>, rest as Omit<P, K>];
}
