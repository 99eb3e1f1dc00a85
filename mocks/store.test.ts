import { describe, expect, it } from 'vitest';
import { createMockStore } from './store';

describe('createMockStore', () => {
  it('lists the first page of users sorted by name', () => {
    const store = createMockStore();
    const page = store.listUsers({ pageIndex: 0, pageSize: 20 });
    expect(page.total).toBe(200);
    expect(page.items).toHaveLength(20);
  });
});
