import { readFileSync } from 'node:fs';

/**
 * The first screen carries no Radix code (docs/benchmarks.md, Bundle): the list's row menu and
 * confirm dialogs reach Radix only through a dynamic import(). A static import added back to
 * either module would put ~31 KB gzip back on the first screen.
 */
const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const staticImports = (code: string) => [...code.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);

describe('modules of the first screen that reach Radix on demand only', () => {
  it.each(['./LazyActionMenu.tsx', './LazyConfirmDialog.tsx'])('%s imports neither Radix nor the modules that do, except through import()', (file) => {
    const code = source(file);
    const imports = staticImports(code);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((m) => m!.startsWith('@radix-ui') || /\/(ActionMenuOpen|ConfirmDialog|Dialog|ActionMenu)$/.test(m!))).toEqual([]);
    expect(code).toMatch(/import\('\.\/(ActionMenuOpen|ConfirmDialog)'\)/);
  });
});

describe('the CSV export is not on the first screen', () => {
  it('the export hook and button reach the paging and CSV code only through import()', () => {
    for (const file of ['../users/useUserCsvExport.ts', '../users/UserListExport.tsx']) {
      const imports = staticImports(source(file));
      expect(imports.filter((m) => /\/(csvExportRun|csv)$|\/query\/selection$/.test(m!)), file).toEqual([]);
    }
    expect(source('../users/useUserCsvExport.ts')).toMatch(/import\('\.\/csvExportRun'\)/);
  });
});
