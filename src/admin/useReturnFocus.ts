import { useCallback, useRef } from 'react';

/** The element to give focus back to: a menu item's menu trigger, since the item goes away with its menu. */
function returnTarget(active: Element | null): HTMLElement | null {
  if (!(active instanceof HTMLElement)) return null;
  const menu = active.closest('[role="menu"]');
  if (menu?.id) {
    const trigger = document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`);
    if (trigger) return trigger;
  }
  return active;
}

/**
 * Gives focus back to where it was when a dialog opened without a trigger of its own (a dialog
 * opened from a row's menu or from a button the screen owns), once the dialog has closed.
 * @example
 * const focus = useReturnFocus();
 * const open = () => { focus.capture(); setOpen(true); };
 * const close = () => { setOpen(false); focus.restore(); };
 */
export function useReturnFocus(): { capture: () => void; restore: () => void } {
  const target = useRef<HTMLElement | null>(null);
  const capture = useCallback(() => {
    target.current = returnTarget(document.activeElement);
  }, []);
  const restore = useCallback(() => {
    const element = target.current;
    target.current = null;
    // After the dialog's own close handling, which would otherwise leave focus on the body.
    setTimeout(() => {
      if (element?.isConnected && !element.closest('[hidden]')) element.focus();
    }, 0);
  }, []);
  return { capture, restore };
}
