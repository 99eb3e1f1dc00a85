// @vitest-environment node
/**
 * `vitest` and `msw` are optional peers: `user-admin-kit/testing` and `user-admin-kit/mocks` work
 * without them, only `user-admin-kit/testing/vitest` and `user-admin-kit/mocks/msw` need them.
 * Each entry is bundled as the library build compiles it (every import bundled but `vitest` and
 * `msw`), written to a temporary folder where no node_modules resolves, and imported there by a
 * plain Node process: the runner-free conformance run over the memory adapter passes, and the two
 * peer entries fail on their peer (the control that proves the peers do not resolve there).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const entries = {
  testing: 'src/testing/index.ts',
  'testing-vitest': 'src/testing/vitest.ts',
  mocks: 'mocks/index.ts',
  'mocks-msw': 'mocks/msw.ts',
} as const;
type Entry = keyof typeof entries;

let dir = '';
const peersOf = new Map<Entry, string[]>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uak-optional-peers-'));
  for (const [name, file] of Object.entries(entries) as Array<[Entry, string]>) {
    const result = await build({
      entryPoints: [join(root, file)], bundle: true, format: 'esm', platform: 'node', write: true, metafile: true,
      outfile: join(dir, `${name}.mjs`), external: ['vitest', 'vitest/*', 'msw', 'msw/*'], logLevel: 'silent',
    });
    const external = Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
    peersOf.set(name, [...new Set(external)].sort());
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs an ES module in a Node process whose folder resolves no package. */
function runNode(code: string): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `run-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  const { status, stdout, stderr } = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
  return { status, stdout, stderr };
}

describe('optional peers', () => {
  it('testing and mocks import neither vitest nor msw; their peer entries import only theirs', () => {
    expect(peersOf.get('testing')).toEqual([]);
    expect(peersOf.get('mocks')).toEqual([]);
    expect(peersOf.get('testing-vitest')).toEqual(['vitest']);
    expect(peersOf.get('mocks-msw')).toEqual(['msw']);
  });

  it('a Node process without vitest and msw runs the conformance checks over the memory adapter', () => {
    const run = runNode(`
      import { runConformanceChecks, conformanceChecks } from './testing.mjs';
      import { createMemoryAdapter, createMockStore } from './mocks.mjs';
      const results = await runConformanceChecks(() => ({ adapter: createMemoryAdapter(createMockStore({ userCount: 30 })) }), { only: ['paging', 'sort'] });
      const failed = results.filter((r) => r.status === 'failed');
      console.log(JSON.stringify({ checks: conformanceChecks.length, ran: results.length, passed: results.filter((r) => r.status === 'passed').length, failed: failed.map((r) => r.id + ': ' + String(r.error)) }));
    `);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as { checks: number; ran: number; passed: number; failed: string[] };
    expect(summary.failed).toEqual([]);
    expect(summary.passed).toBeGreaterThan(0);
    expect(summary.checks).toBeGreaterThan(summary.ran);
  });

  it.each([
    ['testing-vitest', 'vitest'],
    ['mocks-msw', 'msw'],
  ] as const)('%s needs %s, which does not resolve in that process (the control)', (entry, peer) => {
    const run = runNode(`await import('./${entry}.mjs');`);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('ERR_MODULE_NOT_FOUND');
    expect(run.stderr).toContain(`Cannot find package '${peer}'`);
  });
});
