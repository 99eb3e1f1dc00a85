/**
 * `user-admin-kit/mocks/msw`: MSW request handlers serving the REST API of docs/rest-api.md over
 * a mock store (`user-admin-kit/mocks`). `msw` is a peer dependency of this entry only.
 *
 * Every name is listed here, by hand (docs/api.md); etc/api/mocks-msw.api.md is its report.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMemoryAdapter, createMockStore } from 'user-admin-kit/mocks';
 * import { createHandlers } from 'user-admin-kit/mocks/msw';
 * const server = setupServer(...createHandlers({ adapter: createMemoryAdapter(createMockStore()), baseUrl: 'http://localhost/api' }));
 */
export { createHandlers } from './handlers';
export type { CreateHandlersOptions } from './handlers';
