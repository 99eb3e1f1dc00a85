import { describe, expect, it } from 'vitest';
import { checkVersion } from '.';

describe('checkVersion', () => {
  it('allows a write without an expected version, or with the current one', () => {
    expect(checkVersion(undefined, '3')).toBeNull();
    expect(checkVersion(undefined, undefined)).toBeNull();
    expect(checkVersion('3', '3')).toBeNull();
  });

  it('refuses a write whose expected version is not the current one with conflict/stale', () => {
    expect(checkVersion('2', '3')).toMatchObject({ code: 'conflict', reason: 'stale' });
    // A record without a version cannot match an expected one.
    expect(checkVersion('2', undefined)).toMatchObject({ code: 'conflict', reason: 'stale' });
  });
});
