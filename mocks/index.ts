/**
 * The reference backend of user-admin-kit: an in-memory store with deterministic fixtures that
 * enforces every domain rule, a memory adapter over it and fault injection. No MSW: the REST
 * handlers over the store are in `user-admin-kit/mocks/msw`.
 *
 * Every name is listed here, by hand (docs/api.md); etc/api/mocks.api.md is its report.
 *
 * @example
 * import { createMockStore, createMemoryAdapter, createFaultInjector } from 'user-admin-kit/mocks';
 * const store = createMockStore({ userCount: 500 });
 * const faults = createFaultInjector();
 * const adapter = createMemoryAdapter(store, { latencyMs: 200, faults });
 * const asKarim = createMemoryAdapter(store.as('user-admin-2')); // the same data, acting as a scoped admin
 */
export { createClock, DAY_MS, DEFAULT_CLOCK_START } from './clock';
export type { Clock } from './clock';
export { createRandom, hashSeed } from './random';
export type { Random } from './random';
export { isDisposableDomain } from './disposable';
export { foldText } from './text';
export {
  CURRENT_ADMIN_ID, DEFAULT_SEED, DEFAULT_SETTINGS, DEFAULT_USER_COUNT, FIXTURE_MODULES, FIXTURE_ROLES, MODULE_IDS,
  ROLE_IDS, ROOT_ENTITY_ID, generateEntities, generateUsers,
} from './fixtures';
export type { GenerateUsersOptions } from './fixtures';
export { SYSTEM_ACTOR_ID, createMockStore } from './store';
export type { MockSettingsPatch, MockStore, MockStoreOptions, SentPasswordReset } from './store';
export { createFaultInjector } from './faults';
export type { AdapterMethod, FailNextOptions, FaultDecision, FaultInjector, SlowNextOptions } from './faults';
export { createMemoryAdapter } from './memory-adapter';
export type { MemoryAdapterOptions } from './memory-adapter';
