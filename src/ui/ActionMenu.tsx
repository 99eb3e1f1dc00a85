import * as Menu from '@radix-ui/react-dropdown-menu';
import { useId, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
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
  /** Open state, controlled. Defaults to uncontrolled (closed). */
  open?: boolean;
  /** Called when the menu asks to open or close. Defaults to none. */
  onOpenChange?: (open: boolean) => void;
  /** On open, focus the first item (as Radix does when a menu is opened with the keyboard). Defaults to Radix's choice. */
  focusFirstItem?: boolean;
  /** The trigger's initial `tabIndex` (a roving tab stop). Defaults to none (the button's own). */
  tabIndex?: number;
}

/**
 * A row's actions in a menu (Radix DropdownMenu: arrows, typeahead, Escape). A disabled item stays
 * focusable and says why it is disabled, so keyboard and screen-reader users learn the reason too.
 * @example
 * <ActionMenu label={t('actions.moreActions', { name })} items={[
 *   { key: 'deactivate', label: t('actions.deactivate'), onSelect: deactivate, disabled: isSelf, disabledReason: t('errors.reason.self_action') },
 * ]} />
 */
export function ActionMenu({ label, items, trigger, className, open, onOpenChange, focusFirstItem, tabIndex }: ActionMenuProps) {
  const container = usePortalContainer();
  const id = useId();
  return (
    <Menu.Root modal={false} {...(open !== undefined ? { open } : {})} {...(onOpenChange ? { onOpenChange } : {})}>
      <Menu.Trigger aria-label={label} data-slot="action-menu-trigger" className={cx('uak-action-menu-trigger', className)} tabIndex={tabIndex}>
        {trigger ?? <span aria-hidden="true">⋯</span>}
      </Menu.Trigger>
      <Menu.Portal container={container}>
        <Menu.Content
          align="end"
          sideOffset={4}
          data-slot="action-menu"
          className="uak-menu"
          loop
          {...(focusFirstItem
            ? {
                onOpenAutoFocus: (event: Event) => {
                  const first = (event.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>('[role="menuitem"]');
                  if (!first) return;
                  event.preventDefault();
                  first.focus({ preventScroll: true });
                },
              }
            : {})}
        >
          {items.map((item) => {
            const reasonId = item.disabled && item.disabledReason ? `${id}-${item.key}-reason` : undefined;
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
          })}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

/** What {@link LazyActionMenu} takes: {@link ActionMenuProps} with the items built on open. */
export interface LazyActionMenuProps extends Omit<ActionMenuProps, 'items' | 'open' | 'onOpenChange' | 'focusFirstItem' | 'tabIndex'> {
  /** Builds the items; called only while the menu is open. */
  items: () => ActionMenuItem[];
}

const OPEN_KEYS = new Set(['Enter', ' ', 'ArrowDown']);

/**
 * An {@link ActionMenu} for long lists: until first opened it is a plain button (same name, slot,
 * class and `aria-haspopup`), with no Radix menu mounted and no item built; pointer, Enter, Space
 * or ArrowDown mounts the menu already open (the keyboard focuses its first item, as Radix does).
 * Once opened it stays a Radix menu, so the focus can return to its trigger on close.
 * @example
 * <LazyActionMenu label={t('actions.moreActions', { name })} items={() => buildItems(user)} />
 */
export function LazyActionMenu({ label, items, trigger, className }: LazyActionMenuProps) {
  const [state, setState] = useState<{ open: boolean; keyboard: boolean; tabIndex: number } | null>(null);
  if (state) {
    return (
      <ActionMenu
        label={label}
        items={state.open ? items() : []}
        trigger={trigger ?? '⋯'}
        className={className}
        open={state.open}
        onOpenChange={(open) => setState({ ...state, open, keyboard: false })}
        focusFirstItem={state.keyboard}
        tabIndex={state.tabIndex}
      />
    );
  }
  // The Radix trigger replacing this button keeps its tab stop (a row's roving tabindex).
  const open = (button: HTMLButtonElement, keyboard: boolean) => setState({ open: true, keyboard, tabIndex: button.tabIndex });
  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    // As Radix's trigger: the main button without Ctrl opens; the default (focusing the button) is
    // prevented so the menu content gets the focus.
    if (event.button !== 0 || event.ctrlKey) return;
    event.preventDefault();
    open(event.currentTarget, false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!OPEN_KEYS.has(event.key)) return;
    event.preventDefault();
    open(event.currentTarget, true);
  };
  return (
    <button
      type="button"
      aria-label={label}
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      data-slot="action-menu-trigger"
      className={cx('uak-action-menu-trigger', className)}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      // A click without a pointer down first (assistive technology, a test's fireEvent).
      onClick={(event) => open(event.currentTarget, false)}
    >
      {trigger ?? '⋯'}
    </button>
  );
}
