import * as Menu from '@radix-ui/react-dropdown-menu';
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { cx } from './cx';
import { usePortalContainer } from './Root';

/** One entry of an {@link ActionMenu}. */
export interface ActionMenuItem {
  key: string;
  label: ReactNode;
  onSelect: () => void;
  /** Defaults to `false`. */
  disabled?: boolean;
  /** Why it is disabled: shown under the label and read with it. Defaults to none. */
  disabledReason?: string;
  /** Defaults to none (neutral). */
  tone?: 'danger';
}

export interface ActionMenuProps {
  /** The trigger's accessible name ("More actions for Ana Lima"). */
  label: string;
  items: ActionMenuItem[];
  /** The trigger's visible content. Defaults to "⋯". */
  trigger?: ReactNode;
  className?: string;
}

/** The items of a menu: a disabled one stays focusable and says why. */
function MenuItems({ items, idBase }: { items: ActionMenuItem[]; idBase: string }) {
  return items.map((item) => {
    const reasonId = item.disabled && item.disabledReason ? `${idBase}-${item.key}-reason` : undefined;
    return (
      <Menu.Item
        key={item.key}
        aria-disabled={item.disabled || undefined}
        aria-describedby={reasonId}
        data-disabled-reason={item.disabled ? '' : undefined}
        data-tone={item.tone}
        data-slot="action-menu-item"
        className="uak-menu-item"
        onSelect={(event) => {
          if (item.disabled) {
            event.preventDefault();
            return;
          }
          item.onSelect();
        }}
      >
        <span>{item.label}</span>
        {reasonId ? <span id={reasonId} className="uak-menu-item-reason">{item.disabledReason}</span> : null}
      </Menu.Item>
    );
  });
}

/**
 * A row's actions in a menu (Radix DropdownMenu: arrows, typeahead, Escape). A disabled item stays
 * focusable and says why it is disabled, so keyboard and screen-reader users learn the reason too.
 * @example
 * <ActionMenu label={t('actions.moreActions', { name })} items={[
 *   { key: 'deactivate', label: t('actions.deactivate'), onSelect: deactivate, disabled: isSelf, disabledReason: t('errors.reason.self_action') },
 * ]} />
 */
export function ActionMenu({ label, items, trigger, className }: ActionMenuProps) {
  const container = usePortalContainer();
  const id = useId();
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger aria-label={label} data-slot="action-menu-trigger" className={cx('uak-action-menu-trigger', className)}>
        {trigger ?? <span aria-hidden="true">⋯</span>}
      </Menu.Trigger>
      <Menu.Portal container={container}>
        <Menu.Content align="end" sideOffset={4} data-slot="action-menu" className="uak-menu" loop>
          <MenuItems items={items} idBase={id} />
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
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
        onKeyDown={onKeyDown}
        // A click with no pointer down before it (assistive technology, a test's fireEvent).
        onClick={(event) => {
          if (event.detail === 0 && !openRef.current) setState({ keyboard: false });
        }}
      >
        {trigger ?? '⋯'}
      </button>
      {state ? (
        <OpenMenu
          items={items()}
          keyboard={state.keyboard}
          button={buttonRef}
          buttonId={buttonId}
          menuId={menuId}
          onClose={() => setState(null)}
        />
      ) : null}
    </>
  );
}

/**
 * The Radix menu of an open {@link LazyActionMenu}. Its Radix trigger is an empty, hidden anchor
 * right after the plain button (same right edge and height), so the menu sits where it would;
 * the focus goes back to the plain button on close, unless the person clicked elsewhere.
 */
function OpenMenu({ items, keyboard, button, buttonId, menuId, onClose }: {
  items: ActionMenuItem[]; keyboard: boolean; button: RefObject<HTMLButtonElement | null>; buttonId: string; menuId: string; onClose: () => void;
}) {
  const container = usePortalContainer();
  const id = useId();
  const outside = useRef(false);
  const height = button.current?.offsetHeight ?? 0;
  const focusFirst = (event: Event) => {
    if (!keyboard) return;
    // Opened with the keyboard: the first item, as Radix does for its own trigger.
    const first = (event.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>('[role="menuitem"]');
    if (!first) return;
    event.preventDefault();
    first.focus({ preventScroll: true });
  };
  return (
    <Menu.Root modal={false} open onOpenChange={(open) => { if (!open) onClose(); }}>
      <Menu.Trigger asChild>
        <span
          aria-hidden="true"
          aria-controls={undefined}
          data-slot="action-menu-anchor"
          style={{ display: 'inline-block', width: 0, height, verticalAlign: 'middle', overflow: 'hidden' }}
        />
      </Menu.Trigger>
      <Menu.Portal container={container}>
        <Menu.Content
          align="end"
          sideOffset={4}
          data-slot="action-menu"
          className="uak-menu"
          loop
          id={menuId}
          aria-labelledby={buttonId}
          // Not in DropdownMenuContent's types, passed on to the menu's focus scope all the same.
          {...({ onOpenAutoFocus: focusFirst } as object)}
          onInteractOutside={() => {
            outside.current = true;
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (!outside.current) button.current?.focus();
          }}
        >
          <MenuItems items={items} idBase={id} />
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
