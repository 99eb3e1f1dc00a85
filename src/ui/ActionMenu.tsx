import * as Menu from '@radix-ui/react-dropdown-menu';
import { useId, type ReactNode } from 'react';
import { cx } from './cx';
import { usePortalContainer, useRootDir } from './Root';

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

/** Internal: the items of a menu; a disabled one stays focusable and says why. */
export function MenuItems({ items, idBase }: { items: ActionMenuItem[]; idBase: string }) {
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
  // Radix menus read the reading direction from a prop (arrows, submenu side): the root's.
  const dir = useRootDir();
  return (
    <Menu.Root dir={dir} modal={false}>
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
