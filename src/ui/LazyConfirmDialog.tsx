import { Suspense, lazy, useEffect, useState } from 'react';
import type { ConfirmDialogProps } from './ConfirmDialog';

/** The dialog code (Radix Dialog, focus scope, scroll lock) loads after the first screen, not with it. */
const loadConfirmDialog = () => import('./ConfirmDialog');
const ConfirmDialogLoaded = lazy(() => loadConfirmDialog().then((m) => ({ default: m.ConfirmDialog })));

let prefetched: Promise<unknown> | null = null;
function prefetchConfirmDialog(): void {
  prefetched ??= loadConfirmDialog().catch(() => {
    prefetched = null;
  });
}

/**
 * A {@link ConfirmDialogProps | ConfirmDialog} whose code is fetched when the browser is idle after
 * the screen that holds it has rendered (so it is there before anyone opens it), and which mounts
 * on its first opening, then stays mounted (closing it returns the focus as the dialog does).
 * @example
 * <LazyConfirmDialog open={open} onOpenChange={setOpen} title={title} description={text} confirmLabel={t('actions.remove')} onConfirm={remove} />
 */
export function LazyConfirmDialog(props: ConfirmDialogProps) {
  const [used, setUsed] = useState(props.open);
  if (props.open && !used) setUsed(true);
  useEffect(() => {
    const idle = (globalThis as { requestIdleCallback?: (run: () => void) => number }).requestIdleCallback;
    if (idle) idle(prefetchConfirmDialog);
    else setTimeout(prefetchConfirmDialog, 1000);
  }, []);
  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <ConfirmDialogLoaded {...props} />
    </Suspense>
  );
}
