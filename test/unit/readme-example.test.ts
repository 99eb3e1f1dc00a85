import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_ADAPTER_METHODS } from '../../src/contract';

const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
const example = readFileSync(join(process.cwd(), 'docs/examples/fetch-adapter.ts'), 'utf8');

describe("the README's adapter example", () => {
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('export const myAdapter'));

  it('is the type-checked file docs/examples/fetch-adapter.ts, word for word', () => {
    expect(block).toBeDefined();
    expect(example.endsWith(block!)).toBe(true);
  });

  it('implements every required method and stays about 30 lines', () => {
    for (const method of REQUIRED_ADAPTER_METHODS) expect(block).toContain(`  ${method}: `);
    expect(block!.trim().split('\n').length).toBeLessThanOrEqual(36);
  });
});
