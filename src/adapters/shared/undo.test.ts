import { describe, expect, it } from 'vitest';
import { UserAdminError } from '../../contract/errors';
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

  it('given a write that fails and every undo step succeeding, runs the steps newest first and rethrows the original error', async () => {
    const ran: string[] = [];
    const original = new UserAdminError('unavailable', 'third request failed');
    const outcome = withUndo(async (undo) => {
      undo.add(async () => void ran.push('first'));
      undo.add(async () => void ran.push('second'), 'second');
      throw original;
    });
    await expect(outcome).rejects.toBe(original);
    expect(ran).toEqual(['second', 'first']);
  });

  it('given an undo step that fails, still runs the others, then throws partially_applied with the original code and cause, naming what is left', async () => {
    const ran: string[] = [];
    const original = new UserAdminError('unavailable', 'third request failed');
    const outcome = withUndo(async (undo) => {
      undo.add(async () => void ran.push('first'));
      undo.add(async () => { ran.push('second'); throw new Error('undo failed'); }, 'organization role of member m1');
      undo.add(async () => { ran.push('third'); throw new Error('undo failed too'); });
      undo.add(async () => void ran.push('fourth'));
      throw original;
    });
    const error = await outcome.catch((e: unknown) => e);
    expect(ran).toEqual(['fourth', 'third', 'second', 'first']);
    expect(error).toBeInstanceOf(UserAdminError);
    expect(error).toMatchObject({ code: 'unavailable', reason: 'partially_applied', cause: original });
    const message = (error as UserAdminError).message;
    expect(message).toContain('organization role of member m1');
    expect(message).toContain('undo step 3');
    expect(message).not.toContain('undo step 1');
    expect(message).toContain('third request failed');
  });

  it('given a non-UserAdminError original, the partially_applied error has code unknown', async () => {
    const original = new TypeError('fetch failed');
    const error = await withUndo(async (undo) => {
      undo.add(() => Promise.reject(new Error('no')), 'the new user');
      throw original;
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unknown', reason: 'partially_applied', cause: original });
    expect((error as Error).message).toContain('the new user');
  });
});

describe('readJsonBody', () => {
  it('reads JSON, and gives undefined for an empty or non-JSON body', async () => {
    expect(await readJsonBody(new Response('{"detail":"nope"}'))).toEqual({ detail: 'nope' });
    expect(await readJsonBody(new Response(''))).toBeUndefined();
    expect(await readJsonBody(new Response('<html>502 Bad Gateway</html>'))).toBeUndefined();
  });
});
