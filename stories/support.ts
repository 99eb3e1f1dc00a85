/**
 * What every story file shares: the per-story backend parameter and a translate function for the
 * story's locale, so play functions assert the texts of whichever locale the story runs in.
 */
import type { StoryContext } from '@storybook/react-vite';
import { createUserAdminI18n, getUserAdminT, type UserAdminT } from '../src/i18n';
import type { StoryBackendParameters } from '../.storybook/preview';

/** `parameters: backend({ store: { userCount: 60 } })`. */
export const backend = (p: StoryBackendParameters) => ({ backend: p });

/**
 * How long a play function waits for the screen to answer. Waits end as soon as it does; the
 * margin is for shared, loaded machines (CI runs the stories in three locales at once).
 */
export const TIMEOUT = { timeout: 15_000 };

const cache = new Map<string, UserAdminT>();
/**
 * The library's `t` in the story's locale (`context.globals.locale`).
 * @example
 * play: async ({ canvasElement, ...context }) => { const t = storyT(context); ... t('users.empty') }
 */
export function storyT(context: Pick<StoryContext, 'globals'>): UserAdminT {
  const locale = (context.globals.locale as string | undefined) ?? 'en';
  let t = cache.get(locale);
  if (!t) {
    t = getUserAdminT(createUserAdminI18n({ locale }));
    cache.set(locale, t);
  }
  return t;
}

/** The backend a story's loader made: the mock store and its fault injector. */
export function storyBackend(context: Pick<StoryContext, 'loaded'>) {
  return (context.loaded as { backend: { store: import('../mocks').MockStore; faults: import('../mocks').FaultInjector } }).backend;
}
