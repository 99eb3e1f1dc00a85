import { useComposedRefs } from '@radix-ui/react-compose-refs';
import { createContext, useCallback, useContext, useRef, useState, type ComponentProps } from 'react';
import { UserAdminI18nContext } from '../i18n/context';
import { cx } from './cx';
import { withRef } from './withRef';

interface RootContextValue {
  /** Where dialogs and menus portal to, so they inherit the theme and custom properties. */
  container: HTMLElement | null;
  announce: (message: string) => void;
  /** The root's reading direction: the host's `dir`, else the shown locale's. */
  dir: 'ltr' | 'rtl' | undefined;
}
const RootContext = createContext<RootContextValue | null>(null);

/**
 * The themed root of the styled components: `.uak-root`, whose custom properties (`--uak-color-*`)
 * and `data-theme` (`light`, `dark`, `system`) style everything inside. Dialogs and menus portal
 * into it, and it holds a polite live region for {@link useAnnounce}. Every styled screen renders
 * one; nest them freely. It carries the shown locale's `lang` and `dir` (`rtl` for Arabic; the
 * provider's `dir` prop overrides), unless the host passes its own.
 * @example
 * <UserAdminRoot data-theme="dark"><UserList /></UserAdminRoot>
 */
export const UserAdminRoot = withRef(function UserAdminRoot({ className, children, ref, ...props }: ComponentProps<'div'>) {
  const [container, setContainer] = useState<HTMLElement | null>(null);
  // The host's ref gets the root too (it was dropped for the portal container's).
  const rootRef = useComposedRefs(ref, setContainer);
  const [message, setMessage] = useState('');
  const toggle = useRef(false);
  const i18n = useContext(UserAdminI18nContext);
  const announce = useCallback((text: string) => {
    // A zero-width space alternates so the same message twice is announced twice.
    toggle.current = !toggle.current;
    setMessage(text + (toggle.current ? '\u200b' : ''));
  }, []);
  return (
    <RootContext.Provider value={{ container, announce, dir: props.dir === 'rtl' || props.dir === 'ltr' ? props.dir : i18n?.dir }}>
      <div data-slot="root" lang={i18n?.lang} dir={i18n?.dir} {...props} ref={rootRef} className={cx('uak-root', className)}>
        {children}
        <div className="uak-sr-only" role="status" aria-live="polite" aria-atomic="true" data-slot="announcer">
          {message}
        </div>
      </div>
    </RootContext.Provider>
  );
});

/**
 * Internal: the reading direction of the nearest root (the host's `dir` on it, else the shown
 * locale's), for the Radix menus, which take it as a prop; the i18n's outside a root.
 */
export function useRootDir(): 'ltr' | 'rtl' | undefined {
  const root = useContext(RootContext);
  const i18n = useContext(UserAdminI18nContext);
  return root ? root.dir : i18n?.dir;
}

/** Internal: the element dialogs and menus portal into; `undefined` (document.body) outside a root. */
export function usePortalContainer(): HTMLElement | undefined {
  return useContext(RootContext)?.container ?? undefined;
}

/**
 * Announces a message politely to screen readers (an action's outcome, a count that changed).
 * Outside a {@link UserAdminRoot} it does nothing.
 * @example
 * const announce = useAnnounce();
 * announce(t('users.deactivated', { name }));
 */
export function useAnnounce(): (message: string) => void {
  return useContext(RootContext)?.announce ?? noop;
}
function noop() {}
