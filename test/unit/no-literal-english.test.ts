import { join } from 'node:path';
import { listComponentFiles, scanDirectory, scanLiteralEnglish } from '../utils/scan-literal-english';

const where = (source: string) => scanLiteralEnglish(source, 'Sample.tsx').map((f) => `${f.file}:${f.line} ${f.kind}${f.prop ? `[${f.prop}]` : ''} ${f.text}`);

describe('the components in src', () => {
  it('contain no literal English: every text comes from the locale files', () => {
    const src = join(process.cwd(), 'src');
    expect(listComponentFiles(src).length).toBeGreaterThan(0);
    const findings = scanDirectory(src).map((f) => `${f.file}:${f.line} ${f.kind === 'prop' ? `${f.prop}=` : ''}"${f.text}"`);
    expect(findings, `literal English in components:\n${findings.join('\n')}`).toEqual([]);
  });
});

describe('scanLiteralEnglish', () => {
  it('given JSX text and readable string props, reports each with its line', () => {
    const source = [
      "import { useState } from 'react';",
      'export function Dialog({ onClose }: { onClose(): void }) {',
      '  const [open] = useState<boolean>(true);',
      '  return open ? (',
      '    <div className="dialog" title="Settings">',
      '      <h2>Invite users</h2>',
      '      <input placeholder={"Search by name"} alt=\'\' />',
      '      <button aria-label="Close" onClick={onClose}>×</button>',
      "      <img alt='Avatar' src=\"/a.png\" />",
      '      <span className="sr-only">{\'Close\'}</span>',
      '    </div>',
      '  ) : null;',
      '}',
    ].join('\n');
    expect(where(source)).toEqual([
      'Sample.tsx:5 prop[title] Settings',
      'Sample.tsx:6 text Invite users',
      'Sample.tsx:7 prop[placeholder] Search by name',
      'Sample.tsx:8 prop[aria-label] Close',
      'Sample.tsx:9 prop[alt] Avatar',
      'Sample.tsx:10 text Close',
    ]);
  });

  it('given a component whose texts all come from t(), reports nothing', () => {
    const source = [
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
      '    <section aria-label={t(\'users.title\')} data-slot="user-list" className="flex items-center">',
      '      <h1 title={t(\'users.title\')}>{t(\'users.count\', { count })}</h1>',
      '      {small ? <p>{format.list(items)}</p> : <>{ratio}&nbsp;{re.source.length}</>}',
      '      <ul>{items.map((item) => <li key={item}>{item} · {label}</li>)}</ul>',
      "      {' '}",
      '      {/* Literal text here is a comment */}',
      '    </section>',
      '  );',
      '}',
    ].join('\n');
    expect(where(source)).toEqual([]);
  });

  it('finds text inside nested expressions, templates and fragments', () => {
    const source = [
      'const A = () => <>{list.map((x) => (',
      '  <Item key={x} render={() => <em>Nested words</em>} />',
      '))}{`${cond ? <b>In template</b> : null}`}</>;',
      'const B = <Select<Role> label="Role" />;',
    ].join('\n');
    expect(where(source)).toEqual([
      'Sample.tsx:2 text Nested words',
      'Sample.tsx:3 text In template',
      'Sample.tsx:4 prop[label] Role',
    ]);
  });
});
