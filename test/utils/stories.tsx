/**
 * The browser tests render the stories (`composeStories`) rather than rebuilding their states: the
 * story's loaders (MSW, a fresh reference backend, the locales) and decorators (providers, locale,
 * theme) from `.storybook/preview.tsx` apply, set once for the browser project in
 * `test/utils/storybook-setup.ts`.
 */
import { composeStories } from '@storybook/react-vite';
import type { StoryContext } from '@storybook/react-vite';
import { render } from '@testing-library/react';
import type { JSXElementConstructor, ReactElement, ReactNode } from 'react';
import { storyBackend } from '../../stories/support';

/** The backend a story's loader made: the mock store and its fault injector. */
export type StoryBackend = ReturnType<typeof storyBackend>;

/** The locale and theme a story renders in: the preview's `locale` and `theme` globals. */
export interface StoryGlobals {
  locale?: 'en' | 'fr' | 'pt';
  theme?: 'light' | 'dark';
}

let lastBackend: StoryBackend | undefined;

/**
 * Project annotations added after the preview's: keeps the backend the story's loader made, so a
 * test can prepare data or faults, or check what was written.
 */
export const keepStoryBackend = {
  beforeEach(context: StoryContext) {
    lastBackend = storyBackend(context);
  },
};

/**
 * A stories module's stories, composed with the preview, in a locale and theme (the preview's
 * globals; English and light by default).
 * @example
 * const { Default, Empty } = storiesIn(stories, { locale: 'fr', theme: 'dark' });
 */
export function storiesIn<M extends Parameters<typeof composeStories>[0]>(module: M, globals: StoryGlobals = {}) {
  return composeStories(module, { initialGlobals: { locale: globals.locale ?? 'en', theme: globals.theme ?? 'light' } });
}

/** What {@link renderStory} needs of a composed story. */
interface Renderable<A> {
  (args?: A): unknown;
  load(): Promise<void>;
}

/**
 * Runs a composed story's loaders (MSW, a fresh backend, the locales), lets the test prepare that
 * backend before the screen's first request, then renders the story with Testing Library.
 * @example
 * const { container, store, faults } = await renderStory(Default);
 */
export async function renderStory<A>(
  Story: Renderable<A>,
  options: {
    /** Args over the story's own. */
    args?: A;
    /** Called with the story's fresh backend before the first render. */
    prepare?: (backend: StoryBackend) => void;
    /** What the host page puts around the story, e.g. its `<main>` landmark. */
    wrapper?: JSXElementConstructor<{ children: ReactNode }>;
  } = {},
) {
  lastBackend = undefined;
  await Story.load();
  const backend = lastBackend as StoryBackend | undefined;
  if (!backend) throw new Error('The story loaded without a backend: is test/utils/storybook-setup.ts in the project’s setupFiles?');
  options.prepare?.(backend);
  const Component = Story as unknown as (props: A | Record<string, never>) => ReactElement;
  const view = render(<Component {...(options.args ?? {})} />, options.wrapper ? { wrapper: options.wrapper } : {});
  return { ...view, ...backend };
}
