import type { Decorator, Loader, Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { configure } from 'storybook/test';
import { UserAdminProvider, type AdapterCapabilities } from '../src/headless';
import { preloadUserAdminLocales } from '../src/i18n';
import { createRestAdapter } from '../src/adapters/rest';
import { createMockStore, createMemoryAdapter, createFaultInjector } from '../mocks';
import { createHandlers } from '../mocks/msw';
import type { MockStoreOptions, FaultInjector } from '../mocks';
import '../src/styles.css';

// Play functions' findBy and waitFor without a timeout of their own wait up to 15 s (1 s by
// default): they end as soon as the screen answers, and CI machines are shared and loaded.
configure({ asyncUtilTimeout: 15_000 });

/**
 * Per-story backend, set with `parameters.backend`: store options, latency, and a hook to
 * prepare faults or data. Each story gets a fresh store behind MSW, reached through the REST adapter.
 */
export interface StoryBackendParameters {
  store?: MockStoreOptions;
  /** Defaults to 50 ms, so loading states exist without slowing tests down. */
  latencyMs?: number;
  setup?(backend: { store: ReturnType<typeof createMockStore>; faults: FaultInjector }): void;
  /** Optional methods the story's REST adapter lacks, e.g. `{ roleEditing: false }`. Defaults to all of them present. */
  capabilities?: Partial<AdapterCapabilities>;
  /** The user the screen acts as (`store.as(id)`), e.g. `SYSTEM_ACTOR_ID`. Defaults to the current admin. */
  actAs?: string;
}

const startMsw = mswLoader();

// Storybook runs loaders concurrently, so this one starts MSW itself before using it.
const backendLoader: Loader = async (context) => {
  await startMsw(context);
  const options = (context.parameters.backend ?? {}) as StoryBackendParameters;
  const store = createMockStore(options.store);
  const faults = createFaultInjector();
  const adapter = createMemoryAdapter(options.actAs ? store.as(options.actAs) : store, { latencyMs: options.latencyMs ?? 50, faults });
  options.setup?.({ store, faults });
  (context as unknown as { msw: { use(...h: unknown[]): void } }).msw.use(...createHandlers({ adapter, baseUrl: '/api' }));
  return { backend: { store, faults } };
};

// fr and pt load on demand; a story's first frame is then already in its locale (no loading frame to wait through).
const localesLoader: Loader = async () => {
  await preloadUserAdminLocales();
  return {};
};

/**
 * One story's providers, keyed by the story's id (see withProvider): each story gets a fresh query
 * cache, so one story's data never shows in another, and an adapter with its own capabilities. No
 * refetch on focus: the storybook-en/fr/pt projects run side by side, and focus
 * moving between their pages would refetch a story's failed query behind its play function (a
 * one-shot fault then heals unseen).
 */
function StoryProviders({ locale, theme, capabilities, children }: {
  locale: string; theme: string; capabilities: StoryBackendParameters['capabilities']; children: ReactNode;
}) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  );
  const [adapter] = useState(() => createRestAdapter({ baseUrl: '/api', capabilities }));
  return (
    <UserAdminProvider adapter={adapter} locale={locale} queryClient={queryClient}>
      <div className="uak-root" data-theme={theme} lang={locale} style={{ padding: '1rem', minHeight: '100vh' }}>
        {children}
      </div>
    </UserAdminProvider>
  );
}

const withProvider: Decorator = (Story, context) => (
  <StoryProviders
    key={context.id}
    locale={(context.globals.locale as string | undefined) ?? 'en'}
    theme={(context.globals.theme as string | undefined) ?? 'light'}
    capabilities={(context.parameters.backend as StoryBackendParameters | undefined)?.capabilities}
  >
    <Story />
  </StoryProviders>
);

const preview: Preview = {
  loaders: [backendLoader, localesLoader],
  decorators: [withProvider],
  globalTypes: {
    locale: {
      description: 'Language',
      toolbar: { title: 'Locale', icon: 'globe', items: [
        { value: 'en', title: 'English' }, { value: 'fr', title: 'Français' }, { value: 'pt', title: 'Português (Brasil)' },
      ], dynamicTitle: true },
    },
    theme: {
      description: 'Colour theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: [{ value: 'light', title: 'Light' }, { value: 'dark', title: 'Dark' }], dynamicTitle: true },
    },
  },
  // The storybook-<locale> test projects set it (.storybook/locale.setup.ts), so every story runs in en, fr and pt.
  initialGlobals: { locale: (globalThis as { __UAK_STORY_LOCALE__?: string }).__UAK_STORY_LOCALE__ ?? 'en', theme: 'light' },
  parameters: {
    // Any axe violation fails the story's test.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};

export default preview;
