/** Joins class names, skipping empty ones; the host's `className` is passed last so it wins. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

/**
 * Calls the host's handler, then ours unless the host called `preventDefault()` (Radix's
 * `composeEventHandlers`): host handlers compose with the library's, they never replace them.
 */
export function composeEventHandlers<E extends { defaultPrevented: boolean }>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}
