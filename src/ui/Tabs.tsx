import { useRef, type ComponentProps, type KeyboardEvent, type ReactNode } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { composeEventHandlers, cx } from './cx';
import { withRef } from './withRef';

export interface TabItem {
  value: string;
  label: ReactNode;
  /** Shown beside the label, formatted for the locale. Defaults to none. */
  count?: number;
  /** Defaults to `false`. */
  disabled?: boolean;
}

export interface TabsProps extends Omit<ComponentProps<'div'>, 'onChange'> {
  value: string;
  onValueChange: (value: string) => void;
  /** The tab list's accessible name. */
  label: string;
  items: TabItem[];
  /** Prefix of the tab and panel ids, shared with {@link TabPanel}. */
  idBase: string;
  /**
   * The reading direction, for the arrow keys: in `rtl` ArrowLeft moves to the next tab.
   * Defaults to the `dir` of the closest element that has one, else `ltr`.
   */
  dir?: 'ltr' | 'rtl';
}

/** The direction in force at `element`: its own or its closest ancestor's `dir` attribute (no style recalculation). */
export function readingDirection(element: Element): 'ltr' | 'rtl' {
  return element.closest('[dir]')?.getAttribute('dir')?.toLowerCase() === 'rtl' ? 'rtl' : 'ltr';
}

const tabId = (base: string, value: string) => `${base}-tab-${value}`;
const panelId = (base: string, value: string) => `${base}-panel-${value}`;

/**
 * A WAI-ARIA tab list: one tab stop, arrows (and Home, End) move and select.
 * @example
 * <Tabs idBase="uak-views" label={t('users.views')} value={view} onValueChange={setView}
 *   items={[{ value: 'active', label: t('status.active'), count: counts.active }]} />
 * <TabPanel idBase="uak-views" value={view} active>…</TabPanel>
 */
export const Tabs = withRef(function Tabs({ value, onValueChange, label, items, idBase, dir, className, onKeyDown: hostKeyDown, ...props }: TabsProps) {
  const { format } = useUserAdminTranslation();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const enabled = items.filter((i) => !i.disabled);
  // When the value matches no tab (a state set from outside), the first tab keeps the tab stop.
  const tabStop = enabled.some((i) => i.value === value) ? value : enabled[0]?.value;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = enabled.findIndex((i) => i.value === value);
    const rtl = (dir ?? readingDirection(event.currentTarget)) === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    let next: TabItem | undefined;
    if (step) next = enabled[(at + step + enabled.length) % enabled.length];
    else if (event.key === 'Home') next = enabled[0];
    else if (event.key === 'End') next = enabled[enabled.length - 1];
    if (!next) return;
    event.preventDefault();
    onValueChange(next.value);
    refs.current.get(next.value)?.focus();
  };

  return (
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus -- roving tabindex: the focus goes to the selected tab, not the tablist
    <div
      data-slot="tabs"
      {...props}
      dir={dir}
      role="tablist"
      aria-label={label}
      // The host's handler runs first; ours unless it called preventDefault().
      onKeyDown={composeEventHandlers(hostKeyDown, onKeyDown)}
      className={cx('uak-tabs', className)}
    >
      {items.map((item) => {
        const selected = item.value === value;
        return (
          <button
            key={item.value}
            ref={(node) => { if (node) refs.current.set(item.value, node); else refs.current.delete(item.value); }}
            type="button"
            role="tab"
            id={tabId(idBase, item.value)}
            aria-selected={selected}
            aria-controls={panelId(idBase, item.value)}
            tabIndex={item.value === tabStop ? 0 : -1}
            disabled={item.disabled}
            data-state={selected ? 'active' : 'inactive'}
            data-slot="tab"
            className="uak-tab"
            onClick={() => onValueChange(item.value)}
          >
            <span>{item.label}</span>
            {item.count !== undefined ? <span className="uak-tab-count" data-slot="tab-count">{format.number(item.count)}</span> : null}
          </button>
        );
      })}
    </div>
  );
});

export interface TabPanelProps extends ComponentProps<'div'> {
  idBase: string;
  value: string;
  /** Only the active panel is rendered. */
  active: boolean;
}

/**
 * The panel of one tab, labelled by it.
 * @example
 * <TabPanel idBase="uak-admin" value="users" active={tab === 'users'}><UserList /></TabPanel>
 */
export const TabPanel = withRef(function TabPanel({ idBase, value, active, className, children, ...props }: TabPanelProps) {
  if (!active) return null;
  return (
    <div
      {...props}
      role="tabpanel"
      id={panelId(idBase, value)}
      aria-labelledby={tabId(idBase, value)}
      data-slot="tab-panel"
      className={cx('uak-tab-panel', className)}
    >
      {children}
    </div>
  );
});
