/**
 * Filter refusals are remembered per filter shape, against the real provider: a search containing
 * `"` (a filter the provider cannot parse) is answered in memory, and later lists whose filters
 * have another shape still go to the provider.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScimRequestRecord } from '../../../servers/scim';
import { filterShape } from '../../../src/adapters/scim/query-plan';
import { createScimHarness, type ScimHarness } from './harness';

let harness: ScimHarness | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  harness = null;
});

const userLists = (list: ScimRequestRecord[]) => list.filter((r) => r.method === 'GET' && r.path === '/Users');

describe('SCIM filter refusals are remembered per filter shape', () => {
  it('filterShape keeps attributes and operators and classes each value (plain, escaped, non-ASCII)', () => {
    expect(filterShape('userName co "martin"')).toBe('userName co "s"');
    expect(filterShape('userName co "karim"')).toBe(filterShape('userName co "martin"'));
    expect(filterShape('userName co "a\\"b"')).toBe('userName co "e"');
    expect(filterShape('userName co "zoë"')).toBe('userName co "u"');
    expect(filterShape('active eq true and userName eq "x"')).toBe('active eq true and userName eq "s"');
  });

  it('after a search with `"` is refused, a plain search and a filtered list still go to the provider', async () => {
    const h = await createScimHarness();
    const { adapter, server } = h;
    harness = h;

    let from = server.requests.length;
    const odd = await adapter.listUsers({ pageIndex: 0, pageSize: 10, search: 'mar"tin' });
    expect(odd.items).toEqual([]);
    const oddSent = userLists(server.requests.slice(from));
    // The provider was asked once with the filter, refused it, and the list was answered in memory.
    expect(oddSent[0]!.query.filter).toContain('mar\\"tin');
    expect(oddSent.slice(1).every((r) => r.query.filter === undefined)).toBe(true);

    from = server.requests.length;
    const plain = await adapter.listUsers({ pageIndex: 0, pageSize: 10, search: 'martin' });
    expect(plain.items.map((u) => u.id)).toContain('user-admin');
    const plainSent = userLists(server.requests.slice(from));
    expect(plainSent.length).toBe(1);
    expect(plainSent[0]!.query.filter).toContain('co "martin"');

    from = server.requests.length;
    await adapter.listUsers({ pageIndex: 0, pageSize: 10, filter: { kind: 'login' } });
    expect(userLists(server.requests.slice(from)).every((r) => r.query.filter !== undefined)).toBe(true);

    // The refused shape is remembered: another search with `"` goes straight to memory.
    from = server.requests.length;
    await adapter.listUsers({ pageIndex: 0, pageSize: 10, search: 'ka"rim' });
    expect(userLists(server.requests.slice(from)).every((r) => r.query.filter === undefined)).toBe(true);
  });
});
