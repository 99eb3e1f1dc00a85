import * as Menu from '@radix-ui/react-dropdown-menu';
import { useId, useRef, type RefObject } from 'react';
import { MenuItems, type ActionMenuItem } from './ActionMenu';
import { usePortalContainer, useRootDir } from './Root';

/**
 * The Radix menu of an open {@link LazyActionMenu}. Its Radix trigger is an empty, hidden anchor
 * right after the plain button (same right edge and height), so the menu sits where it would;
 * the focus goes back to the plain button on close, unless the person clicked elsewhere.
 */
export function OpenMenu({ items, keyboard, button, buttonId, menuId, onClose }: {
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
  // Radix menus read the reading direction from a prop (arrows, submenu side): the root's.
  const dir = useRootDir();
  return (
    <Menu.Root dir={dir} modal={false} open onOpenChange={(open) => { if (!open) onClose(); }}>
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
