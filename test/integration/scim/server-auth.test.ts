/**
 * The SCIM dev server's bearer tokens: only a token it issued authenticates. Names of properties
 * every plain object inherits (`constructor`, `__proto__`, `toString`...) are refused like any
 * other unknown token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type RunningScimServer } from '../../../servers/scim';

let server: RunningScimServer;
beforeAll(async () => {
  server = await startScimServer({ port: 0 });
});
afterAll(() => server.close());

const status = async (token: string) => (await fetch(`${server.url}/Users?count=1`, { headers: { Authorization: `Bearer ${token}` } })).status;

describe('SCIM dev server bearer tokens', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`refuses \`Bearer ${name}\` with 401`, async () => {
      expect(await status(name)).toBe(401);
    });
  }

  it('accepts the seeded token and an issued one, and refuses an unknown one', async () => {
    expect(await status(server.token)).toBe(200);
    expect(await status(server.issueToken('user-admin'))).toBe(200);
    expect(await status('not-a-token')).toBe(401);
  });
});
