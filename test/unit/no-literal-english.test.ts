/**
 * The "no literal English in a component" check is ESLint's (scripts/eslint-no-literal-english.js,
 * applied by eslint.config.js to src/**\/*.tsx; `npm run lint` runs it over the sources). These
 * samples go through the project's own ESLint config, in a child process (the config loads
 * typescript-eslint on TypeScript 5.9, which stays out of the test worker).
 */
import { spawnSync } from 'node:child_process';

interface Sample {
  filePath: string;
  code: string;
}

const LINT_SAMPLES = `
import { ESLint } from 'eslint';
const samples = JSON.parse(await new Promise((resolve) => { let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => resolve(s)); }));
const eslint = new ESLint();
const out = [];
for (const { filePath, code } of samples) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push((result?.messages ?? []).map((m) => ({ line: m.line, ruleId: m.ruleId, message: m.message, text: code.split('\\n')[m.line - 1].slice(m.column - 1, m.endLine === m.line ? m.endColumn - 1 : undefined) })));
}
process.stdout.write(JSON.stringify(out));
`;

interface Finding {
  line: number;
  ruleId: string | null;
  message: string;
  text: string;
}

function lint(samples: Sample[]): Finding[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_SAMPLES], {
    cwd: process.cwd(),
    input: JSON.stringify(samples),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`ESLint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Finding[][];
}

const component = (code: string) => ({ filePath: 'src/__samples__/Sample.tsx', code });

describe('no literal English in components (ESLint)', () => {
  let results: Finding[][];
  beforeAll(() => {
    results = lint([
      component([
        "import { useState } from 'react';",
        'export function Dialog({ onClose }: { onClose(): void }) {',
        '  const [open] = useState<boolean>(true);',
        '  return open ? (',
        '    <div className="dialog" title="Settings">',
        '      <h2>Invite users</h2>',
        '      <input placeholder={"Search by name"} alt=\'\' />',
        '      <button aria-label="Close" onClick={onClose}>×</button>',
        "      <img alt='Avatar' src=\"/a.png\" />",
        "      <span className=\"sr-only\">{'Close'}</span>",
        '      <span>{`Cancel`}</span>',
        '      <p title={`Élan`}>&nbsp;&times;&#183;</p>',
        '    </div>',
        '  ) : null;',
        '}',
      ].join('\n')),
      component([
        "import { useUserAdminTranslation } from '../i18n';",
        '/** A list. Comments and <b>markup in comments</b> are not read. */',
        'export function Title({ count, items }: { count: number; items: string[] }) {',
        '  const { t, format } = useUserAdminTranslation();',
        '  // a < b and a > c are comparisons, not JSX',
        '  const small = count < 10 && count > 2;',
        '  const ratio = count / 2 / 3;',
        '  const re = /<b>Bold text<\\/b>/g;',
        "  const label = `Hello ${'world'}`;",
        '  return (',
        "    <section aria-label={t('users.title')} data-slot=\"user-list\" className=\"flex items-center\">",
        "      <h1 title={t('users.title')}>{t('users.count', { count })}</h1>",
        '      {small ? <p>{format.list(items)}</p> : <>{ratio}&nbsp;{re.source.length}</>}',
        '      <ul>{items.map((item) => <li key={item}>{item} · {label}</li>)}</ul>',
        "      {' '}",
        '      {/* Literal text here is a comment */}',
        '    </section>',
        '  );',
        '}',
      ].join('\n')),
      component([
        'const list = [1];',
        'const cond = true;',
        'const Item = (_: { render(): unknown }) => null;',
        'const Select = <T,>(_: { label: string; value?: T }) => null;',
        'export const A = () => <>{list.map((x) => (',
        '  <Item key={x} render={() => <em>Nested words</em>} />',
        '))}{cond ? <b>In a condition</b> : null}</>;',
        "export const B = () => <Select<'admin'> label=\"Role\" />;",
      ].join('\n')),
      { filePath: 'src/__samples__/Sample.stories.tsx', code: 'export const S = () => <p>Stories may say anything</p>;\n' },
      { filePath: 'src/__samples__/Sample.test.tsx', code: 'export const T = () => <p>Tests may say anything</p>;\n' },
    ]);
  }, 60_000);

  const where = (findings: Finding[]) => findings.map((f) => `${f.line} ${f.ruleId} ${f.text}`);

  it('reports JSX text, lone strings and templates as children, and readable props given a string', () => {
    expect(where(results[0]!)).toEqual([
      '5 no-restricted-syntax "Settings"',
      '6 no-restricted-syntax Invite users',
      '7 no-restricted-syntax "Search by name"',
      '8 no-restricted-syntax "Close"',
      "9 no-restricted-syntax 'Avatar'",
      "10 no-restricted-syntax 'Close'",
      '11 no-restricted-syntax `Cancel`',
      '12 no-restricted-syntax `Élan`',
    ]);
    expect(results[0]![0]!.message).toMatch(/locale files/);
  });

  it('reports nothing for a component whose texts all come from t(), nor for entities and punctuation', () => {
    expect(where(results[1]!)).toEqual([]);
  });

  it('finds text inside nested expressions, conditions and fragments, and in props of generic components', () => {
    expect(where(results[2]!)).toEqual([
      '6 no-restricted-syntax Nested words',
      '7 no-restricted-syntax In a condition',
      '8 no-restricted-syntax "Role"',
    ]);
  });

  it('leaves stories and tests alone', () => {
    expect(results[3]).toEqual([]);
    expect(results[4]).toEqual([]);
  });
});
