import * as Menu from '@radix-ui/react-dropdown-menu';
import type { KeyboardEvent, ReactElement } from 'react';
import { useUserAdminTranslation, type MessageKey, type UserAdminT } from '../../i18n';
import { usePortalContainer, useRootDir } from '../../ui/Root';

/**
 * Internal: the translated name of a level id (`none`, `view`, `edit`, `off`, `on`, `export`);
 * a host's own level ids are shown as they are.
 */
export function levelLabel(t: UserAdminT, level: string): string {
  return t(`permissionMatrix.level.${level}` as MessageKey, { defaultValue: level });
}

interface LevelMenuProps {
  levels: readonly string[];
  value: string;
  onValueChange: (level: string) => void;
  onTriggerKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
  /** The trigger: the cell's button. */
  children: ReactElement;
}

/**
 * Internal: the list of a cell's levels, opened by Enter or a click on the cell (Radix
 * DropdownMenu radio items: arrows, typeahead, Escape returns to the cell). The shared
 * `ActionMenu` cannot take the cell's own button as its trigger, hence this small wrapper.
 */
export function LevelMenu({ levels, value, onValueChange, onTriggerKeyDown, children }: LevelMenuProps) {
  const { t } = useUserAdminTranslation();
  const container = usePortalContainer();
  // Radix menus read the reading direction from a prop (arrows, submenu side): the root's.
  const dir = useRootDir();
  return (
    <Menu.Root dir={dir} modal={false}>
      <Menu.Trigger asChild onKeyDown={onTriggerKeyDown}>
        {children}
      </Menu.Trigger>
      <Menu.Portal container={container}>
        <Menu.Content align="start" sideOffset={4} loop className="uak-menu" data-slot="permission-grid-level-menu" aria-label={t('permissionMatrix.cell.levels')}>
          <Menu.RadioGroup value={value} onValueChange={onValueChange}>
            {levels.map((level) => (
              <Menu.RadioItem key={level} value={level} className="uak-menu-item uak-permission-grid-level-item" data-slot="permission-grid-level-option">
                <span>
                  <span aria-hidden="true" className="uak-permission-grid-level-check">{level === value ? '✓' : ''}</span>
                  {levelLabel(t, level)}
                </span>
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
