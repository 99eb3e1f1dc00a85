import { describe, expect, it } from 'vitest';
import { UserAdminError } from '../contract/errors';
import { collectAllPages, selectionCount } from './selection';

const page = (pageIndex: number, pageSize: number, total: number) => ({
  items: Array.from({ length: Math.max(0, Math.min(pageSize, total - pageIndex * pageSize)) }, (_, i) => ({ id: `u${pageIndex * pageSize + i}` })),
  total,
});

describe('collectAllPages', () => {
  it('reads every page with bounded concurrency and drops an item met twice', async () => {
    const asked: number[] = [];
    const items = await collectAllPages(async (pageIndex, pageSize) => {
      asked.push(pageIndex);
      const p = page(pageIndex, pageSize, 23);
      // An item moving between pages while collecting appears on two pages.
      return pageIndex === 1 ? { ...p, items: [{ id: 'u0' }, ...p.items] } : p;
    }, { pageSize: 5, concurrency: 2 });
    expect(asked.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(items).toHaveLength(23);
  });

  it('one failed page fails the whole, and the pages not started yet are not read', async () => {
    const asked: number[] = [];
    const failure = new UserAdminError('unavailable', 'down');
    const run = collectAllPages(async (pageIndex, pageSize) => {
      asked.push(pageIndex);
      if (pageIndex === 1) throw failure;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return page(pageIndex, pageSize, 100);
    }, { pageSize: 5, concurrency: 2 });
    await expect(run).rejects.toBe(failure);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Page 0, the failing page 1 and page 2 (in flight beside it); nothing of the 17 others.
    expect(asked.length).toBeLessThanOrEqual(4);
  });
});

describe('selectionCount', () => {
  it('is the total for every matching item, else the ids chosen', () => {
    expect(selectionCount({ ids: [], allMatching: true }, 42)).toBe(42);
    expect(selectionCount({ ids: ['a', 'b'], allMatching: false }, 42)).toBe(2);
  });
});
