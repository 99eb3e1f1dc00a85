import { Suspense, lazy, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { ActionMenuItem, ActionMenuProps } from './ActionMenu';
import { cx } from './cx';

/**
 * The Radix menu (and floating-ui) load with the first menu opened, not with the list: a pointer
 * over a trigger, or the focus on one, starts the download, so the menu is there when it opens.
 */
const loadOpenMenu = () => import('./ActionMenuOpen');
const OpenMenu = lazy(() => loadOpenMenu().then((m) => ({ default: m.OpenMenu })));
let prefetched = false;
function prefetchOpenMenu(): void {
  if (prefetched) return;
  prefetched = true;
  void loadOpenMenu().catch(() => {
    prefetched = false;
  });
}

/** What {@link LazyActionMenu} takes: {@link ActionMenuProps} with the items built on open. */
export interface LazyActionMenuProps extends Omit<ActionMenuProps, 'items'> {
  /** Builds the items; called only while the menu is open. */
  items: () => ActionMenuItem[];
}

const OPEN_KEYS = new Set(['Enter', ' ', 'ArrowDown']);

/**
 * An {@link ActionMenu} for long lists: the trigger is a plain button (same name, slot, class,
 * `aria-haspopup` and `aria-expanded`), and the Radix menu is mounted only while open, with its
 * items built then. Pointer, Enter, Space or ArrowDown open it (the keyboard focuses the first
 * item); Escape or choosing an item closes it and gives the focus back to the same button.
 * @example
 * <LazyActionMenu label={t('actions.moreActions', { name })} items={() => buildItems(user)} />
 */
export function LazyActionMenu({ label, items, trigger, className }: LazyActionMenuProps) {
  const [state, setState] = useState<{ keyboard: boolean } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const idBase = useId();
  const buttonId = `${idBase}-trigger`;
  const menuId = `${idBase}-menu`;
  // Read in event handlers that run before the next render (a pointer down on the open trigger).
  const openRef = useRef(false);
  openRef.current = state !== null;
  const toggle = (keyboard: boolean) => setState(openRef.current ? null : { keyboard });

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    // As Radix's trigger: the main button without Ctrl toggles; the default (focusing the button) is
    // prevented so the menu content gets the focus.
    if (event.button !== 0 || event.ctrlKey) return;
    event.preventDefault();
    toggle(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!OPEN_KEYS.has(event.key)) return;
    event.preventDefault();
    if (!openRef.current) setState({ keyboard: true });
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        id={buttonId}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={state !== null}
        // The open menu is this button's (focus-return helpers look the trigger up by aria-controls).
        aria-controls={state ? menuId : undefined}
        data-state={state ? 'open' : 'closed'}
        data-slot="action-menu-trigger"
        className={cx('uak-action-menu-trigger', className)}
        onPointerDown={onPointerDown}
        onPointerEnter={prefetchOpenMenu}
        onFocus={prefetchOpenMenu}
        onKeyDown={onKeyDown}
        // A click with no pointer down before it (assistive technology, a test's fireEvent).
        onClick={(event) => {
          if (event.detail === 0 && !openRef.current) setState({ keyboard: false });
        }}
      >
        {trigger ?? '⋯'}
      </button>
      {state ? (
        <Suspense fallback={null}>
          <OpenMenu
            items={items()}
            keyboard={state.keyboard}
            button={buttonRef}
            buttonId={buttonId}
            menuId={menuId}
            onClose={() => setState(null)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
