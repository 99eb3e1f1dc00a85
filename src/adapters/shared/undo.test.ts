import { describe, expect, it } from 'vitest';
import { withUndo } from './undo';
import { readJsonBody } from './http';

describe('withUndo', () => {
  it('given a write that succeeds, runs no undo step and returns its value', async () => {
    const ran: string[] = [];
    const value = await withUndo(async (undo) => {
      undo.add(async () => void ran.push('a'));
      return 42;
    });
    expect(value).toBe(42);
    expect(ran).toEqual([]);
  });

  it('given a write that fails, runs the recorded steps newest first and rethrows the original error, even when a step fails', async () => {
    const ran: string[] = [];
    const original = new Error('third request failed');
    const outcome = withUndo(async (undo) => {
      undo.add(async () => void ran.push('first'));
      undo.add(async () => { ran.push('second'); throw new Error('undo failed'); });
      undo.add(async () => void ran.push('third'));
      throw original;
    });
    await expect(outcome).rejects.toBe(original);
    expect(ran).toEqual(['third', 'second', 'first']);
  });
});

describe('readJsonBody', () => {
  it('reads JSON, and gives undefined for an empty or non-JSON body', async () => {
    expect(await readJsonBody(new Response('{"detail":"nope"}'))).toEqual({ detail: 'nope' });
    expect(await readJsonBody(new Response(''))).toBeUndefined();
    expect(await readJsonBody(new Response('<html>502 Bad Gateway</html>'))).toBeUndefined();
  });
});
