// Runs before the preview in each storybook-<locale> test project: the project's locale becomes
// the stories' starting `locale` global, and each story checks it really renders in that locale.
import { afterEach, expect, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    storyLocale: string;
  }
}
(globalThis as { __UAK_STORY_LOCALE__?: string }).__UAK_STORY_LOCALE__ = inject('storyLocale');

// Proof that the project's locale reached the story: the decorator's root carries `lang`.
afterEach(() => {
  const root = document.querySelector('.uak-root[lang]');
  if (root) expect(root.getAttribute('lang')).toBe(inject('storyLocale'));
});
