/**
 * "No literal English in a component": every text a person reads comes from the locale files.
 * `no-restricted-syntax` selectors that flag, in component sources (src/**\/*.tsx without tests and
 * stories; see eslint.config.js):
 *
 * - JSX text children with a letter: `<h2>Invite users</h2>` (`<>&nbsp;·&times;</>` passes);
 * - a lone string or `${}`-free template as a child: `{'Close'}`, `{`Close`}`;
 * - a readable prop given a string: `aria-label`, `title`, `placeholder`, `alt`, `label`, written
 *   `aria-label="Close"`, `aria-label={'Close'}` or `aria-label={`Close`}`.
 *
 * "A letter" is any Unicode letter (`\p{L}`), so `{' '}`, `·`, `×` and digits pass. Expressions pass:
 * `{t('users.title')}`, `{count}`, `{cond ? a : b}`. Replaces the hand-written JSX lexer that the unit
 * test ran over src (test/utils/scan-literal-english.ts); test/unit/no-literal-english.test.ts runs
 * these selectors on samples.
 */

/** Props whose value is read by people (or screen readers). */
export const READABLE_PROPS = ['aria-label', 'title', 'placeholder', 'alt', 'label'];

const LETTER = String.raw`/\p{L}/u`;
const READABLE_PROP = `JSXAttribute[name.name=/^(${READABLE_PROPS.join('|')})$/]`;
const CHILD = ':matches(JSXElement, JSXFragment)';
const STRING = `Literal[value=${LETTER}]`;
const PLAIN_TEMPLATE = `TemplateLiteral[expressions.length=0][quasis.0.value.cooked=${LETTER}]`;
const MESSAGE = 'Literal text in a component: people read it, so it comes from the locale files (t()).';

/** The `no-restricted-syntax` options (after the severity) that find literal English. */
export const noLiteralEnglishSelectors = [
  { selector: `JSXText[value=${LETTER}]`, message: MESSAGE },
  { selector: `${CHILD} > JSXExpressionContainer > ${STRING}`, message: MESSAGE },
  { selector: `${CHILD} > JSXExpressionContainer > ${PLAIN_TEMPLATE}`, message: MESSAGE },
  { selector: `${READABLE_PROP} > ${STRING}`, message: `${MESSAGE} (a readable prop)` },
  { selector: `${READABLE_PROP} > JSXExpressionContainer > ${STRING}`, message: `${MESSAGE} (a readable prop)` },
  { selector: `${READABLE_PROP} > JSXExpressionContainer > ${PLAIN_TEMPLATE}`, message: `${MESSAGE} (a readable prop)` },
];

/** The files it applies to: the components, not their tests and stories. */
export const componentFiles = { files: ['src/**/*.tsx'], ignores: ['**/*.{test,spec,stories,test-d}.tsx'] };
