/**
 * The options of the SCIM adapter (what a host gives {@link createScimAdapter}).
 */
import type { Entity, ListEntitiesParams, Module, Page, Settings } from '../../contract/types';
import type { DisposableEmailCheck } from '../shared';
import type { ScimServiceProviderConfig } from './protocol';

/**
 * A value, or a function giving it (called at each use, so a host can toggle it).
 * @example
 * const sso: ValueOrGetter<ScimSsoSettings> = () => ({ enforced: flags.sso, providerName: 'Okta' });
 */
export type ValueOrGetter<T> = T | (() => T | Promise<T>);

/**
 * The SSO settings the adapter reports (SCIM has none).
 * @example
 * const sso: ScimSsoSettings = { enforced: true, providerName: 'Okta' };
 */
export type ScimSsoSettings = Settings['sso'];

/**
 * Options of {@link createScimAdapter}.
 * @example
 * const options: ScimAdapterOptions = {
 *   baseUrl: 'https://idp.example.com/scim/v2',
 *   token: () => auth.getScimToken(),
 *   modules, entities,
 * };
 */
export interface ScimAdapterOptions {
  /** The SCIM base URL, without a trailing slash (`https://example.com/scim/v2`). */
  baseUrl: string;
  /** The bearer token, or a function returning it before each request. Defaults to none (use `headers`). */
  token?: ValueOrGetter<string>;
  /** Extra headers for every request. Defaults to none. */
  headers?: ValueOrGetter<Record<string, string>>;
  /** The fetch to use. Defaults to `globalThis.fetch`, read at each call. */
  fetch?: typeof globalThis.fetch;
  /** Modules (not SCIM resources): what permissions are granted on. */
  modules: Module[];
  /** The entity hierarchy (not SCIM resources). Defaults to none; give this or `listEntities`. */
  entities?: Entity[];
  /** Serves `listEntities` from the host instead of `entities`. Defaults to an in-memory query over `entities`. */
  listEntities?: (params: ListEntitiesParams) => Promise<Page<Entity>>;
  /** The current administrator's user id. Defaults to the id `/Me` gives. */
  currentUserId?: string;
  /** SSO settings. Defaults to `{ enforced: false, providerName: null }`. */
  sso?: ValueOrGetter<ScimSsoSettings>;
  /** Invitation validity in days. Defaults to 7. */
  invitationTtlDays?: number;
  /** Whether contacts (users with extension `kind: contact`) are offered. Defaults to `true`. */
  contacts?: boolean;
  /** When set, only these email domains can be given to login users or invited. Defaults to any domain. */
  allowedDomains?: string[];
  /**
   * How an address is found disposable: such an address is skipped by `inviteUsers` (`disposable`)
   * and refused for a new login user (`createUser`) or a login user's new email (`validation`,
   * `fieldErrors.email: 'not_allowed'`); contacts are not checked. Defaults to
   * {@link isCommonDisposableEmail}: a bundled list of 212 widely used providers. Pass
   * `isDisposableEmail` from `user-admin-kit/disposable-domains` for the complete list (672.5 KB
   * gzip, loaded on first use), your own check (for example a call to your server), or
   * `() => false` to accept every domain.
   */
  isDisposableEmail?: DisposableEmailCheck;
  /** Whether there are several entities. Defaults to `entities.length > 1` (true with `listEntities`). */
  multiEntity?: boolean;
  /** The clock invitation expiry is read against, in ms. Defaults to `Date.now`. */
  now?: () => number;
  /** Invitations sent at once when the provider has no `/Bulk`. Defaults to 4. */
  inviteConcurrency?: number;
  /** Filter operators the provider accepts (SCIM cannot say). Defaults to every RFC 7644 operator. */
  filterOperators?: string[];
  /**
   * The provider's `/ServiceProviderConfig`, when already known: it decides whether the optional
   * bulk methods exist. Defaults to none: they are left out, unless {@link connectScimAdapter} fetched it.
   */
  serviceProviderConfig?: ScimServiceProviderConfig;
}

/**
 * A value of {@link ValueOrGetter}, read now.
 * @example
 * const token = await resolve(options.token);
 */
export const resolve = async <T>(v: ValueOrGetter<T>): Promise<T> => (typeof v === 'function' ? await (v as () => T | Promise<T>)() : v);
