/**
 * A real SCIM 2.0 service provider for tests and the demo: SCIMMY (resources, schemas, filters,
 * PATCH, Bulk) and scimmy-routers on express 4, over an in-memory directory seeded from the mock
 * fixtures. Not published; dev only.
 *
 * SCIMMY is configured globally (module state): resource types and extensions are declared once
 * per process, and their handlers find the directory of the server a request came to through the
 * router's `context` (never a module variable). The ServiceProviderConfig is global in SCIMMY too:
 * each server sets its own before every request it handles, and its `/ServiceProviderConfig`
 * answer is built from its own options. Two servers may live in one process; only requests in
 * flight at the same instant on two servers with different configs could see each other's
 * (tests run one server at a time).
 *
 * Deviations from plain SCIMMY, each a fix toward RFC 7644 made in our handlers:
 * - a record lacking a filtered attribute does not match (SCIMMY's `Filter.match` throws on it);
 * - string comparisons are case-insensitive (RFC 7643 `caseExact: false`; SCIMMY compares exactly);
 * - extension attributes are filterable by their full URN path (records are flattened first);
 * - `attr eq "x"` on a multi-valued string attribute matches any of its values;
 * - a `startIndex` past the end gives no resources (SCIMMY would give the first page);
 * - `count` is capped at `filter.maxResults`, and `sortBy` is ignored when sort is not advertised;
 * - ETags (SCIMMY advertises them but keeps no versions): each User carries `meta.version`, a hash
 *   of the stored record, and the `ETag` header; a PUT, PATCH or DELETE of a user with an
 *   `If-Match` that no longer matches (or a Bulk operation with such a `version`) is answered 412;
 * - without PATCH (`features.patch: false`), a PATCH inside a Bulk request fails alone with 501, as
 *   a PATCH request does (SCIMMY runs it regardless).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import type { UserAdminErrorCode } from '../../src/contract/errors';
import { GROUP_EXTENSION_URN, MULTI_VALUED_STRINGS, USER_EXTENSION_URN, groupExtension, userExtension } from './schema';
import { SCIM_SEED_ADMIN_ID, SCIM_SEED_TOKEN, createScimStore, type ScimGroupRecord, type ScimStore, type ScimStoreOptions, type ScimUserRecord } from './store';

export { USER_EXTENSION_URN, GROUP_EXTENSION_URN, userExtension, groupExtension } from './schema';
export { createScimStore, scimSeedReference, SCIM_SEED_TOKEN, SCIM_SEED_ADMIN_ID, SCIM_PLAIN_GROUP_ID, type ScimStore, type ScimUserRecord, type ScimGroupRecord } from './store';

/**
 * The SCIM error message schema.
 * @example
 * res.json({ schemas: [SCIM_ERROR_URN], status: '404', detail: 'Not found' });
 */
export const SCIM_ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/**
 * What the server advertises in `/ServiceProviderConfig` (and does).
 * @example
 * const minimal: ScimProviderFeatures = { sort: false, bulk: false, filter: true, filterOperators: ['eq'] };
 */
export interface ScimProviderFeatures {
  /** Filtering. Defaults to `true`. */
  filter?: boolean;
  /** Most resources one list response gives (`filter.maxResults`). Defaults to 200. */
  maxResults?: number;
  /** Filter operators the server accepts; others answer 400 `invalidFilter`. Defaults to every operator. */
  filterOperators?: string[];
  /** Sorting. Defaults to `true`. */
  sort?: boolean;
  /** `/Bulk`. Defaults to `true`. */
  bulk?: boolean;
  /** `bulk.maxOperations`. Defaults to 100. */
  maxOperations?: number;
  /** PATCH. Defaults to `true`. */
  patch?: boolean;
  /** `/Me` (answers 501 when `false`). Defaults to `true`. */
  me?: boolean;
  /**
   * ETags (`etag.supported`): every User carries `meta.version` (and the `ETag` header), and a
   * write to a user with `If-Match` (or a Bulk operation with `version`) that no longer matches is
   * answered 412. Defaults to `true`.
   */
  etag?: boolean;
}

/**
 * Options of {@link createScimApp} and {@link startScimServer}.
 * @example
 * const options: ScimServerOptions = { features: { sort: false }, seed: { userCount: 40 } };
 */
export interface ScimServerOptions {
  /** What the provider supports. Defaults to everything (see {@link ScimProviderFeatures}). */
  features?: ScimProviderFeatures;
  /** Seed options. Defaults to 48 users dated around now. */
  seed?: ScimStoreOptions;
  /** Bearer tokens → the user id each authenticates (for `/Me`). Defaults to `{ 'scim-admin-token': 'user-admin' }`. */
  tokens?: Record<string, string>;
  /** Where the SCIM API is mounted. Defaults to `/scim/v2`. */
  basePath?: string;
}

/**
 * One request the server received, for tests that count calls.
 * @example
 * server.requests.filter((r: ScimRequestRecord) => r.method === 'POST' && r.path === '/Bulk').length;
 */
export interface ScimRequestRecord {
  method: string;
  /** Path below the base path, e.g. `/Users` or `/Groups/role-admin`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/**
 * Which request a {@link ScimControls.failMatching} fault hits. A rule aimed at a request also
 * hits the same operation inside a `POST /Bulk` (method, path and `data` as the body): that
 * operation alone fails in the Bulk response, the others run.
 * @example
 * const rule: ScimFaultRule = { method: 'PUT', path: /^\/Users\//, nth: 1 };
 */
export interface ScimFaultRule {
  /** The HTTP method, or any of several (`['PUT', 'PATCH', 'DELETE']`: a write). Defaults to any. */
  method?: string | readonly string[];
  /** The path below the base path (`/Groups/role-admin`), or a pattern it must match. */
  path: string | RegExp;
  /** Which matching request fails, counting from 1 from the call on. Defaults to 1 (the next one). */
  nth?: number;
  /** A test on the parsed JSON body. Defaults to any body. */
  body?: (body: unknown) => boolean;
}

/**
 * Test controls over a running provider.
 * @example
 * const controls: ScimControls = server; controls.failNext('unavailable');
 */
export interface ScimControls {
  store: ScimStore;
  /** Every request received, oldest first. */
  requests: ScimRequestRecord[];
  /** The next request fails with this code's SCIM error (`network` drops the connection). */
  failNext(code: UserAdminErrorCode): void;
  /** The nth request matching `rule` fails with this code's SCIM error; others pass. Several rules may wait at once; each fires once. */
  failMatching(rule: ScimFaultRule, code: UserAdminErrorCode): void;
  /**
   * Runs `run` just before the server handles the nth request matching `rule` (before its
   * `If-Match` or Bulk `version` is checked): what another writer does at that instant, e.g.
   * between a client's read and its `POST /Bulk`. Each hook fires once. Requests only, not the
   * operations inside a Bulk request.
   */
  beforeMatching(rule: ScimFaultRule, run: () => void): void;
  /** Delays every request by this many ms (0 to stop). */
  setLatency(ms: number): void;
  /**
   * Signs this user in as their identity provider would: a pending invitation is accepted (the
   * extension's `invitation` dropped), the user is made active and their sign-in recorded.
   */
  signIn(userId: string): void;
  /** A new bearer token that authenticates this user (`/Me` answers them). */
  issueToken(userId: string): string;
}

/**
 * An express app serving the SCIM API, with its controls.
 * @example
 * const app: ScimApp = createScimApp(); http.createServer(app.handler);
 */
export interface ScimApp extends ScimControls {
  /** A Node request handler (mount it in a dev server or `http.createServer`). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * A listening provider.
 * @example
 * const server: RunningScimServer = await startScimServer(); await server.close();
 */
export interface RunningScimServer extends ScimControls {
  /** The SCIM base URL, e.g. `http://127.0.0.1:41234/scim/v2`. */
  url: string;
  /** A bearer token the server accepts. */
  token: string;
  close(): Promise<void>;
}

const FAULT_STATUS: Record<Exclude<UserAdminErrorCode, 'network'>, [number, string | undefined]> = {
  validation: [400, 'invalidValue'],
  conflict: [409, 'uniqueness'],
  not_found: [404, undefined],
  unauthorized: [401, undefined],
  forbidden: [403, undefined],
  rate_limited: [429, undefined],
  unavailable: [503, undefined],
  unknown: [500, undefined],
};

interface Ctx {
  store: ScimStore;
  features: Required<Omit<ScimProviderFeatures, 'filterOperators'>> & { filterOperators: string[] | null };
}

type AnyRecord = Record<string, unknown>;
const SCIMError = SCIMMY.Types.Error;
const plain = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

// ---------------------------------------------------------------------------
// Filtering (record by record, flattened, case-insensitive)
// ---------------------------------------------------------------------------

const DATE = /^\d{4}-\d\d-\d\dT/;
function lowerStrings(value: unknown): unknown {
  if (typeof value === 'string') return DATE.test(value) ? value : value.toLowerCase();
  if (Array.isArray(value)) return value.map(lowerStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lowerStrings(v)]));
  return value;
}

const multiKeys = new Set(MULTI_VALUED_STRINGS.map((a) => `${USER_EXTENSION_URN}:${a}`.toLowerCase()));

/** A record as filters see it: extension attributes at `urn:...:attr`, nulls dropped, strings lower-cased. */
function flatten(record: AnyRecord): AnyRecord {
  const out: AnyRecord = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    if (key.startsWith('urn:') && typeof value === 'object' && !Array.isArray(value)) {
      for (const [attr, v] of Object.entries(value as AnyRecord)) {
        if (v === null || v === undefined) continue;
        const flatKey = `${key}:${attr}`;
        out[flatKey] = multiKeys.has(flatKey.toLowerCase()) && Array.isArray(v) ? v.map((x) => ({ value: x })) : v;
      }
    } else {
      out[key] = value;
    }
  }
  return lowerStrings(out) as AnyRecord;
}

const isExpression = (e: unknown[]) => e.length > 0 && typeof e[0] === 'string';

/** Lower-cases expected values, points multi-valued string attributes at `.value`, collects operators. */
function rewriteFilter(node: unknown, operators: Set<string>): unknown {
  if (Array.isArray(node)) {
    if (!isExpression(node)) return node.map((n) => rewriteFilter(n, operators));
    const out = [...node];
    const at = String(out[0]).toLowerCase() === 'not' ? 1 : 0;
    operators.add(String(out[at]).toLowerCase());
    if (typeof out[at + 1] === 'string') out[at + 1] = (out[at + 1] as string).toLowerCase();
    return out;
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        const next = rewriteFilter(v, operators);
        return [k, multiKeys.has(k.toLowerCase()) && Array.isArray(v) ? { value: next } : next];
      }),
    );
  }
  return node;
}

type ScimFilter = InstanceType<typeof SCIMMY.Types.Filter>;

function compileFilter(filter: ScimFilter | undefined, ctx: Ctx): ((record: AnyRecord) => boolean) | null {
  if (!filter) return null;
  if (!ctx.features.filter) throw new SCIMError(400, 'invalidFilter', 'Filtering is not supported by this provider');
  const operators = new Set<string>();
  const expressions = [...filter].map((e) => rewriteFilter(e, operators));
  const allowed = ctx.features.filterOperators;
  const refused = allowed ? [...operators].filter((op) => !allowed.includes(op)) : [];
  if (refused.length > 0) throw new SCIMError(400, 'invalidFilter', `Filter operator(s) not supported: ${refused.join(', ')}`);
  const compiled = new SCIMMY.Types.Filter(expressions as AnyRecord[]);
  return (record) => {
    try {
      return compiled.match([flatten(record)]).length > 0;
    } catch {
      // SCIMMY throws when the record lacks the attribute: it does not match.
      return false;
    }
  };
}

interface Listing {
  constraints?: { sortBy?: string; sortOrder?: string; startIndex?: number; count?: number; totalResults?: number };
  filter?: ScimFilter;
  id?: string;
}

/** Applies the provider's limits to a list request, and returns the resources for SCIMMY to sort and page. */
function listOf<T extends AnyRecord>(resource: Listing, ctx: Ctx, all: T[]): T[] {
  const match = compileFilter(resource.filter, ctx);
  const matched = match ? all.filter((r) => match(r)) : all;
  const c = resource.constraints;
  if (c) {
    if (!ctx.features.sort) {
      delete c.sortBy;
      delete c.sortOrder;
    }
    c.count = Math.min(c.count ?? 20, ctx.features.maxResults);
    if ((c.startIndex ?? 1) > matched.length) {
      c.totalResults = matched.length;
      return [];
    }
  }
  return matched;
}

// ---------------------------------------------------------------------------
// Resource handlers (declared once per process)
// ---------------------------------------------------------------------------

function contextOf(ctx: unknown): Ctx {
  if (!ctx || typeof ctx !== 'object' || !('store' in ctx)) throw new SCIMError(500, null as unknown as string, 'No directory in the request context');
  return ctx as Ctx;
}

function groupsOf(store: ScimStore, userId: string) {
  return [...store.groups.values()]
    .filter((g) => g.members.some((m) => m.value === userId))
    .map((g) => ({ value: g.id, display: g.displayName, type: 'direct' }));
}

/**
 * A user's version: a weak ETag of the stored resource (every attribute and its dates, not the
 * groups, which are the Group resources'). It changes with every change of the record, however it
 * was made (a request, a control, a test writing the store).
 * @example
 * userVersion(store.users.get('user-admin')!); // 'W/"3f1c9a0b7d2e4c18"'
 */
export function userVersion(record: ScimUserRecord): string {
  const { meta, ...rest } = record;
  const hash = createHash('sha1').update(JSON.stringify({ ...rest, meta: { created: meta?.created, lastModified: meta?.lastModified } })).digest('hex');
  return `W/"${hash.slice(0, 16)}"`;
}

/** Whether an `If-Match` value (a list of ETags, or `*`) matches a version; weak and strong compare alike. */
function ifMatches(header: string, version: string): boolean {
  const bare = (v: string) => v.trim().replace(/^W\//, '');
  return header.split(',').some((v) => v.trim() === '*' || bare(v) === bare(version));
}

function userOut(store: ScimStore, record: ScimUserRecord, etag = true): AnyRecord {
  const groups = groupsOf(store, record.id);
  const out = plain<AnyRecord>(record);
  if (etag) out.meta = { ...(out.meta as AnyRecord), version: userVersion(record) };
  return { ...out, ...(groups.length ? { groups } : {}) };
}

function emailTaken(store: ScimStore, userName: string, except?: string): boolean {
  const wanted = userName.toLowerCase();
  for (const u of store.users.values()) if (u.id !== except && u.userName.toLowerCase() === wanted) return true;
  return false;
}

// ---------------------------------------------------------------------------
// User lists answered in the store (filter, sort and page before any schema object is built)
// ---------------------------------------------------------------------------

type Expression = [string, unknown] | ['not', string, unknown];
const isExpr = (node: unknown): node is Expression => Array.isArray(node) && typeof node[0] === 'string';

/** Value of a key of an object, the key compared case-insensitively (SCIM attribute names are). */
function keyOf(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as AnyRecord;
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

/** A top-level filter or sort key of a user: core attributes, `groups` (from the index), `urn:...:User:attr`. */
function userAttr(record: ScimUserRecord, key: string, groups: (id: string) => AnyRecord[]): unknown {
  if (key.toLowerCase() === 'groups') {
    const g = groups(record.id);
    return g.length ? g : undefined;
  }
  if (key.toLowerCase().startsWith('urn:')) {
    const at = key.lastIndexOf(':');
    const urn = key.slice(0, at);
    return urn.toLowerCase() === USER_EXTENSION_URN.toLowerCase() ? keyOf(record[USER_EXTENSION_URN], key.slice(at + 1)) : keyOf(record, key);
  }
  return keyOf(record, key);
}

const lowerIfText = (v: unknown): unknown => (typeof v === 'string' && !DATE.test(v) ? v.toLowerCase() : v);

/** One comparison (RFC 7644 §3.4.2.2): strings case-insensitive, dates by instant; a missing value matches nothing. */
function compare(op: string, actual: unknown, expected: unknown): boolean {
  if (op === 'pr') return actual !== undefined && actual !== null && !(Array.isArray(actual) && actual.length === 0) && actual !== '';
  if (actual === undefined || actual === null) return false;
  if (Array.isArray(actual)) return actual.some((a) => compare(op, a && typeof a === 'object' ? (a as AnyRecord).value : a, expected));
  if (typeof actual === 'object') return false;
  const a = lowerIfText(actual);
  const e = lowerIfText(expected);
  switch (op) {
    case 'eq': return a === e;
    case 'ne': return a !== e;
    case 'co': return typeof a === 'string' && typeof e === 'string' && a.includes(e);
    case 'sw': return typeof a === 'string' && typeof e === 'string' && a.startsWith(e);
    case 'ew': return typeof a === 'string' && typeof e === 'string' && a.endsWith(e);
    case 'gt': case 'lt': case 'ge': case 'le': {
      const [x, y] = typeof a === 'string' && DATE.test(a) && typeof e === 'string' ? [Date.parse(a), Date.parse(e)] : [a, e];
      if (typeof x !== typeof y || (typeof x !== 'number' && typeof x !== 'string')) return false;
      const xx = x as number | string;
      const yy = y as number | string;
      return op === 'gt' ? xx > yy : op === 'lt' ? xx < yy : op === 'ge' ? xx >= yy : xx <= yy;
    }
    default: return false;
  }
}

/** Whether a value meets one expression (`[op, value]` or `['not', op, value]`). */
function meets(actual: unknown, expr: Expression): boolean {
  if (String(expr[0]).toLowerCase() === 'not') return !compare(String(expr[1]).toLowerCase(), actual, expr[2]);
  return compare(String(expr[0]).toLowerCase(), actual, expr[1]);
}

/** Whether a value meets a filter node: an expression, several on one attribute (AND), or sub-attributes (AND). */
function nodeMatches(actual: unknown, node: unknown): boolean {
  if (isExpr(node)) return meets(actual, node);
  if (Array.isArray(node)) return node.every((n) => nodeMatches(actual, n));
  if (node && typeof node === 'object') {
    const entries = Object.entries(node);
    // A multi-valued complex attribute: one of its values meets every sub-attribute test.
    if (Array.isArray(actual)) return actual.some((item) => entries.every(([k, n]) => nodeMatches(keyOf(item, k), n)));
    if (actual === undefined || actual === null) return entries.every(([, n]) => nodeMatches(undefined, n));
    return entries.every(([k, n]) => nodeMatches(keyOf(actual, k), n));
  }
  return false;
}

/** A filter as a test on stored users: SCIMMY parsed it (an OR of ANDs); we evaluate it on the records. */
function compileUserFilter(filter: ScimFilter | undefined, ctx: Ctx, groups: (id: string) => AnyRecord[]): ((record: ScimUserRecord) => boolean) | null {
  if (!filter) return null;
  if (!ctx.features.filter) throw new SCIMError(400, 'invalidFilter', 'Filtering is not supported by this provider');
  const operators = new Set<string>();
  const branches = [...filter] as AnyRecord[];
  rewriteFilter(branches, operators);
  const allowed = ctx.features.filterOperators;
  const refused = allowed ? [...operators].filter((op) => !allowed.includes(op)) : [];
  if (refused.length > 0) throw new SCIMError(400, 'invalidFilter', `Filter operator(s) not supported: ${refused.join(', ')}`);
  return (record) => branches.some((branch) => Object.entries(branch).every(([key, node]) => nodeMatches(userAttr(record, key, groups), node)));
}

/** The value SCIMMY's ListResponse sorts by: the path's value, the primary (or first) one of a multi-valued attribute. */
function sortValue(record: ScimUserRecord, sortBy: string, groups: (id: string) => AnyRecord[]): unknown {
  const [first, ...rest] = sortBy.toLowerCase().startsWith('urn:') ? [sortBy] : sortBy.split('.');
  const pick = (v: unknown): unknown => {
    if (!Array.isArray(v)) return v;
    const item = (v.find((x) => x && typeof x === 'object' && (x as AnyRecord).primary) ?? v[0]) as unknown;
    return item && typeof item === 'object' ? (item as AnyRecord).value : item;
  };
  let value = pick(userAttr(record, first!, groups));
  for (const key of rest) value = pick(keyOf(value, key));
  return value ?? undefined;
}

const collator = new Intl.Collator();
const DATE_VALUE = /^(-?(?:[1-9][0-9]*)?[0-9]{4})-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12][0-9])(T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])?)?$/;

/** Sorts as SCIMMY's ListResponse does (values first, missing last; numbers, dates, then strings by locale), descending reversed. */
function sortUsers(records: ScimUserRecord[], sortBy: string, sortOrder: string | undefined, groups: (id: string) => AnyRecord[]): ScimUserRecord[] {
  const keyed = records.map((record) => {
    const v = sortValue(record, sortBy, groups);
    const kind = v === undefined ? 0 : typeof v === 'number' ? 1 : DATE_VALUE.test(String(v instanceof Date ? v.toISOString() : v)) ? 2 : 3;
    return { record, v, kind, time: kind === 2 ? new Date(v as string).getTime() : 0 };
  });
  keyed.sort((a, b) => {
    if (a.kind === 0 || b.kind === 0) return a.kind === b.kind ? 0 : a.kind === 0 ? 1 : -1;
    if (a.kind === 1 && b.kind === 1) return (a.v as number) - (b.v as number);
    if (a.kind === 2 && b.kind === 2) return a.time - b.time;
    return collator.compare(String(a.v), String(b.v));
  });
  const sorted = keyed.map((k) => k.record);
  return sortOrder === 'descending' ? sorted.reverse() : sorted;
}

/** Each user's groups (`{ value, display, type }`), built once per list request. */
function groupIndex(store: ScimStore): (id: string) => AnyRecord[] {
  const byUser = new Map<string, AnyRecord[]>();
  for (const g of store.groups.values()) {
    for (const m of g.members) {
      const list = byUser.get(m.value);
      const entry = { value: g.id, display: g.displayName, type: 'direct' };
      if (list) list.push(entry);
      else byUser.set(m.value, [entry]);
    }
  }
  return (id) => byUser.get(id) ?? [];
}

/**
 * A `/Users` list (GET or `.search`) answered from the store: filter, sort and page over the Map,
 * then SCIMMY builds the schema objects of that page only, in a ListResponse of the same shape
 * (`startIndex`, `itemsPerPage` = the count asked, capped, `totalResults` = every match).
 */
function listUsers(resource: Listing & { attributes?: unknown }, ctx: Ctx): unknown {
  const { store, features } = ctx;
  const groups = groupIndex(store);
  const match = compileUserFilter(resource.filter, ctx, groups);
  const all = [...store.users.values()];
  let matched = match ? all.filter(match) : all;
  const c = resource.constraints ?? {};
  if (features.sort && typeof c.sortBy === 'string') matched = sortUsers(matched, c.sortBy, c.sortOrder, groups);
  const startIndex = Math.max(1, c.startIndex ?? 1);
  const count = Math.max(0, Math.min(c.count ?? 20, features.maxResults));
  const page = matched.slice(startIndex - 1, startIndex - 1 + count);
  const basepath = (SCIMMY.Resources.User as unknown as { basepath(): string }).basepath();
  const Schema = SCIMMY.Schemas.User as unknown as new (data: unknown, direction: string, basepath: string, attributes: unknown) => unknown;
  const items = page.map((record) => {
    const g = groups(record.id);
    const out = plain<AnyRecord>(record);
    if (features.etag) out.meta = { ...(out.meta as AnyRecord), version: userVersion(record) };
    return new Schema({ ...out, ...(g.length ? { groups: g } : {}) }, 'out', basepath, resource.attributes);
  });
  // Built at startIndex 1 (SCIMMY would slice a page it takes for the whole list), then set.
  const list = new SCIMMY.Messages.ListResponse(items as never[], { startIndex: 1, itemsPerPage: count, totalResults: matched.length } as never);
  list.startIndex = startIndex;
  return list;
}

let declared = false;

/** The resource-type statics we use, typed loosely (SCIMMY's typings want its own schema shapes). */
interface LooseResource {
  extend(extension: unknown, required?: boolean): LooseResource;
  egress(handler: (resource: Listing, ctx: unknown) => unknown): LooseResource;
  ingress(handler: (resource: Listing, instance: unknown, ctx: unknown) => unknown): LooseResource;
  degress(handler: (resource: Listing, ctx: unknown) => void): LooseResource;
}

/** Declares the Users and Groups resource types with their extensions, once per process. */
function declareOnce(): void {
  if (declared) return;
  declared = true;
  (SCIMMY.Resources.User as unknown as LooseResource).extend(userExtension(), false)
    .egress((resource: Listing, ctx: unknown) => {
      const { store } = contextOf(ctx);
      if (resource.id) {
        const record = store.users.get(resource.id);
        if (!record) throw new SCIMError(404, null as unknown as string, `Resource ${resource.id} not found`);
        return userOut(store, record, contextOf(ctx).features.etag);
      }
      return listOf(resource, contextOf(ctx), [...store.users.values()].map((r) => userOut(store, r, contextOf(ctx).features.etag)));
    })
    .ingress((resource: Listing, instance: unknown, ctx: unknown) => {
      const { store, features } = contextOf(ctx);
      const data = plain<AnyRecord>(instance);
      delete data.schemas;
      delete data.meta;
      delete data.groups;
      const userName = String(data.userName ?? '');
      if (userName.trim() === '') throw new SCIMError(400, 'invalidValue', 'userName is required');
      const now = new Date(store.now()).toISOString();
      if (resource.id) {
        const existing = store.users.get(resource.id);
        if (!existing) throw new SCIMError(404, null as unknown as string, `Resource ${resource.id} not found`);
        if (emailTaken(store, userName, resource.id)) throw new SCIMError(409, 'uniqueness', `userName ${userName} is already taken`);
        const next = { ...data, id: existing.id, active: data.active !== false, meta: { created: existing.meta.created, lastModified: now } } as ScimUserRecord;
        store.users.set(existing.id, next);
        return userOut(store, next, features.etag);
      }
      if (emailTaken(store, userName)) throw new SCIMError(409, 'uniqueness', `userName ${userName} is already taken`);
      const record = { ...data, id: randomUUID(), active: data.active !== false, meta: { created: now, lastModified: now } } as ScimUserRecord;
      store.users.set(record.id, record);
      return userOut(store, record, features.etag);
    })
    .degress((resource: Listing, ctx: unknown) => {
      const { store } = contextOf(ctx);
      if (!resource.id || !store.users.delete(resource.id)) throw new SCIMError(404, null as unknown as string, `Resource ${resource.id} not found`);
      for (const g of store.groups.values()) g.members = g.members.filter((m) => m.value !== resource.id);
    });

  (SCIMMY.Resources.Group as unknown as LooseResource).extend(groupExtension(), false)
    .egress((resource: Listing, ctx: unknown) => {
      const { store } = contextOf(ctx);
      if (resource.id) {
        const record = store.groups.get(resource.id);
        if (!record) throw new SCIMError(404, null as unknown as string, `Resource ${resource.id} not found`);
        return plain<AnyRecord>(record);
      }
      return listOf(resource, contextOf(ctx), [...store.groups.values()].map((g) => plain<AnyRecord>(g)));
    })
    .ingress((resource: Listing, instance: unknown, ctx: unknown) => {
      const { store } = contextOf(ctx);
      const data = plain<AnyRecord>(instance);
      delete data.schemas;
      delete data.meta;
      const members = ((data.members as { value?: string; display?: string }[] | undefined) ?? []).filter((m) => typeof m.value === 'string');
      for (const m of members) if (!store.users.has(m.value!)) throw new SCIMError(400, 'invalidValue', `No user ${m.value}`);
      const now = new Date(store.now()).toISOString();
      const existing = resource.id ? store.groups.get(resource.id) : undefined;
      if (resource.id && !existing) throw new SCIMError(404, null as unknown as string, `Resource ${resource.id} not found`);
      const record = {
        ...data,
        id: existing?.id ?? randomUUID(),
        members: members.map((m) => ({ value: m.value!, ...(m.display ? { display: m.display } : {}) })),
        meta: { created: existing?.meta.created ?? now, lastModified: now },
      } as ScimGroupRecord;
      store.groups.set(record.id, record);
      return plain<AnyRecord>(record);
    })
    .degress((resource: Listing, ctx: unknown) => {
      const { store } = contextOf(ctx);
      if (!resource.id || !store.groups.delete(resource.id)) throw new SCIMError(404, null as unknown as string, `Resource ${resource.id} not found`);
    });
  // A list of Users is answered in the store (see listUsers); a single User goes through SCIMMY's read and our egress.
  const userProto = SCIMMY.Resources.User.prototype as unknown as { read(ctx: unknown): Promise<unknown>; id?: string };
  const scimmyRead = userProto.read;
  userProto.read = async function read(this: Listing & { attributes?: unknown }, ctx: unknown) {
    if (this.id) return scimmyRead.call(this, ctx);
    try {
      return listUsers(this, contextOf(ctx));
    } catch (ex) {
      if (ex instanceof SCIMError) throw ex;
      if (ex instanceof TypeError) throw new SCIMError(400, 'invalidValue', ex.message);
      throw ex;
    }
  };
  SCIMMY.Resources.declare(SCIMMY.Resources.User);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group);
}

// ---------------------------------------------------------------------------
// The app
// ---------------------------------------------------------------------------

function scimError(res: express.Response, status: number, detail: string, scimType?: string): void {
  res.status(status).type('application/scim+json').send(JSON.stringify({ schemas: [SCIM_ERROR_URN], status: String(status), ...(scimType ? { scimType } : {}), detail }));
}

/**
 * An express 4 app serving SCIM 2.0 under `/scim/v2` over a fresh seeded directory, with its test
 * controls. Use {@link startScimServer} to listen; mount `handler` in a dev server otherwise.
 * @example
 * const app = createScimApp({ features: { bulk: false } });
 * http.createServer(app.handler).listen(0, '127.0.0.1');
 */
export function createScimApp(options: ScimServerOptions = {}): ScimApp {
  declareOnce();
  const f = options.features ?? {};
  const ctx: Ctx = {
    store: createScimStore(options.seed),
    features: {
      filter: f.filter ?? true,
      maxResults: f.maxResults ?? 200,
      filterOperators: f.filterOperators?.map((o) => o.toLowerCase()) ?? null,
      sort: f.sort ?? true,
      bulk: f.bulk ?? true,
      maxOperations: f.maxOperations ?? 100,
      patch: f.patch ?? true,
      me: f.me ?? true,
      etag: f.etag ?? true,
    },
  };
  // A Map, not a plain object: `Bearer constructor` (or `__proto__`, `toString`) must not find an inherited property.
  const tokens = new Map<string, string>(Object.entries(options.tokens ?? { [SCIM_SEED_TOKEN]: SCIM_SEED_ADMIN_ID }));
  const basePath = options.basePath ?? '/scim/v2';
  const requests: ScimRequestRecord[] = [];
  let failing: UserAdminErrorCode | null = null;
  let rules: { rule: ScimFaultRule; left: number; code: UserAdminErrorCode }[] = [];
  let hooks: { rule: ScimFaultRule; left: number; run: () => void }[] = [];
  let latency = 0;
  /** Whether a request (or Bulk operation) is one a rule aims at. */
  const ruleMatches = (rule: ScimFaultRule, req: { method: string; path: string; body: unknown }): boolean => {
    const methods = rule.method === undefined ? null : (typeof rule.method === 'string' ? [rule.method] : rule.method).map((m) => m.toUpperCase());
    if (methods && !methods.includes(req.method)) return false;
    if (typeof rule.path === 'string' ? rule.path !== req.path : !rule.path.test(req.path)) return false;
    return !rule.body || rule.body(req.body);
  };
  /** Runs the hooks whose nth matching request this is (each once). */
  const runHooks = (req: { method: string; path: string; body: unknown }): void => {
    for (const entry of [...hooks]) {
      if (!ruleMatches(entry.rule, req)) continue;
      entry.left -= 1;
      if (entry.left > 0) continue;
      hooks = hooks.filter((h) => h !== entry);
      entry.run();
    }
  };
  /** The code of the rule this request (or Bulk operation) fires, if any. */
  const matchRule = (req: { method: string; path: string; body: unknown }): UserAdminErrorCode | null => {
    for (const entry of rules) {
      if (!ruleMatches(entry.rule, req)) continue;
      entry.left -= 1;
      if (entry.left > 0) continue;
      rules = rules.filter((r) => r !== entry);
      return entry.code;
    }
    return null;
  };
  /**
   * Operations of a `POST /Bulk` that a rule hits (or whose `version` is stale, 412; or a PATCH
   * when PATCH is not supported, 501), as if each were its own request: they are taken out before
   * SCIMMY runs the rest (SCIMMY ignores an operation's `version` and the PATCH setting), and
   * answered failed at the end of the Bulk response (not in request order: clients match results
   * by bulkId or location). Returns whether the response was already sent (every operation failed).
   */
  const failBulkOperations = (req: express.Request, res: express.Response): boolean => {
    const body = req.body as { Operations?: { method?: string; path?: string; bulkId?: string; version?: string; data?: unknown }[] } | undefined;
    if (req.method !== 'POST' || req.path !== '/Bulk' || !Array.isArray(body?.Operations)) return false;
    const failedOps: unknown[] = [];
    const kept = body.Operations.filter((op) => {
      const method = String(op.method ?? '').toUpperCase();
      if (method === 'PATCH' && !ctx.features.patch) {
        const detail = 'PATCH is not supported by this provider';
        failedOps.push({ method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}), location: op.path, status: '501', response: { schemas: [SCIM_ERROR_URN], status: '501', detail } });
        return false;
      }
      const stale = staleWrite(method, String(op.path ?? ''), op.version);
      if (stale) {
        failedOps.push({ method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}), location: op.path, status: '412', response: { schemas: [SCIM_ERROR_URN], status: '412', detail: stale } });
        return false;
      }
      const code = rules.length > 0 ? matchRule({ method, path: String(op.path ?? ''), body: op.data }) : null;
      if (!code) return true;
      const [status, scimType] = code === 'network' ? [503, undefined] : FAULT_STATUS[code];
      const response = { schemas: [SCIM_ERROR_URN], status: String(status), ...(scimType ? { scimType } : {}), detail: `Injected failure: ${code}` };
      failedOps.push({ method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}), status: String(status), response });
      return false;
    });
    if (failedOps.length === 0) return false;
    if (kept.length === 0) {
      res.status(200).type('application/scim+json').send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'], Operations: failedOps }));
      return true;
    }
    // A new body for SCIMMY: the one received (as `requests` recorded it) keeps every operation.
    req.body = { ...body, Operations: kept };
    const json = res.json.bind(res);
    res.json = (out: unknown) => {
      const operations = (out as { Operations?: unknown[] } | null)?.Operations;
      return json(Array.isArray(operations) ? { ...(out as object), Operations: [...operations, ...failedOps] } : out);
    };
    return false;
  };

  /**
   * Why a write to a user is refused as stale (its `If-Match` or Bulk `version` no longer matches
   * the stored record), or `null`. Only with ETags on, only for an existing user.
   */
  const staleWrite = (method: string, path: string, ifMatch: string | undefined): string | null => {
    if (!ctx.features.etag || !ifMatch || !['PUT', 'PATCH', 'DELETE'].includes(method)) return null;
    const m = /^\/?Users\/([^/?]+)$/.exec(path.replace(/^.*?\/Users\//, '/Users/'));
    const record = m ? ctx.store.users.get(decodeURIComponent(m[1]!)) : undefined;
    if (!record || ifMatches(ifMatch, userVersion(record))) return null;
    return `Resource ${record.id} changed: version ${userVersion(record)}, not ${ifMatch}`;
  };
  /** Sets the ETag header of a single User answer from its meta.version. */
  const withEtag = (res: express.Response) => {
    const json = res.json.bind(res);
    res.json = (out: unknown) => {
      const version = (out as { meta?: { version?: unknown; resourceType?: unknown } } | null)?.meta?.version;
      if (typeof version === 'string' && !(out as { Resources?: unknown }).Resources) res.setHeader('ETag', version);
      return json(out);
    };
  };

  const applyConfig = () => {
    SCIMMY.Config.set('authenticationSchemes', []);
    SCIMMY.Config.set({
      patch: ctx.features.patch,
      sort: ctx.features.sort,
      filter: { supported: ctx.features.filter, maxResults: ctx.features.maxResults },
      bulk: { supported: ctx.features.bulk, maxOperations: ctx.features.maxOperations, maxPayloadSize: 1_048_576 },
      etag: ctx.features.etag,
      changePassword: false,
      authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Authentication scheme using the OAuth Bearer Token Standard', specUri: 'https://datatracker.ietf.org/doc/html/rfc6750', primary: true }],
    });
  };
  const authenticate = (req: express.Request): string => {
    const header = req.header('Authorization') ?? '';
    const user = header.startsWith('Bearer ') ? tokens.get(header.slice(7)) : undefined;
    if (typeof user !== 'string' || user === '') throw new Error('A valid bearer token is required');
    return user;
  };

  // The router's constructor resets the global config (and appends its scheme): apply ours after it, and before each request.
  SCIMMY.Config.set('authenticationSchemes', []);
  const router = new SCIMMYRouters({ type: 'bearer', handler: authenticate, context: () => ctx });
  applyConfig();

  const app = express();
  app.disable('x-powered-by');
  app.use(basePath, express.json({ type: ['application/scim+json', 'application/json'] }), (req, res, next) => {
    requests.push({ method: req.method, path: req.path, query: { ...(req.query as Record<string, string>) }, body: req.body });
    const proceed = () => {
      if (hooks.length > 0) runHooks(req);
      const code = failing ?? (rules.length > 0 ? matchRule(req) : null);
      failing = null;
      if (code === 'network') {
        req.socket.destroy();
        return;
      }
      if (code) {
        const [status, scimType] = FAULT_STATUS[code];
        if (code === 'rate_limited') res.setHeader('Retry-After', '1');
        scimError(res, status, `Injected failure: ${code}`, scimType);
        return;
      }
      const stale = staleWrite(req.method, req.path, req.header('If-Match'));
      if (stale) {
        scimError(res, 412, stale);
        return;
      }
      if (ctx.features.etag && /^\/Users\/[^/]+$/.test(req.path)) withEtag(res);
      if ((rules.length > 0 || ctx.features.etag || !ctx.features.patch) && failBulkOperations(req, res)) return;
      if (!ctx.features.me && req.path === '/Me') {
        scimError(res, 501, 'Endpoint Not Implemented');
        return;
      }
      if (!ctx.features.patch && req.method === 'PATCH') {
        scimError(res, 501, 'PATCH is not supported by this provider');
        return;
      }
      // SCIMMY's filter parser throws a plain TypeError (answered 500): a bad filter is the client's 400 invalidFilter.
      const filter = req.query.filter;
      if (typeof filter === 'string') {
        try {
          new SCIMMY.Types.Filter(filter);
        } catch (e) {
          scimError(res, 400, `Invalid filter: ${e instanceof Error ? e.message : String(e)}`, 'invalidFilter');
          return;
        }
      }
      applyConfig();
      next();
    };
    if (latency > 0) setTimeout(proceed, latency);
    else proceed();
  }, router);
  app.use((_req: express.Request, res: express.Response) => scimError(res, 404, 'Not found'));

  return {
    handler: app as unknown as (req: IncomingMessage, res: ServerResponse) => void,
    store: ctx.store,
    requests,
    failNext: (code) => {
      failing = code;
    },
    failMatching: (rule, code) => {
      rules.push({ rule, left: Math.max(1, rule.nth ?? 1), code });
    },
    beforeMatching: (rule, run) => {
      hooks.push({ rule, left: Math.max(1, rule.nth ?? 1), run });
    },
    setLatency: (ms) => {
      latency = ms;
    },
    signIn: (userId) => {
      const record = ctx.store.users.get(userId);
      if (!record) throw new Error(`No user ${userId}`);
      const ext = { ...(record[USER_EXTENSION_URN] ?? {}) };
      delete ext.invitation;
      ext.lastSignInAt = new Date(ctx.store.now()).toISOString();
      ctx.store.users.set(userId, { ...record, active: true, [USER_EXTENSION_URN]: ext });
    },
    issueToken: (userId) => {
      const token = `scim-token-${randomUUID()}`;
      tokens.set(token, userId);
      return token;
    },
  };
}

/**
 * Starts a seeded SCIM provider on 127.0.0.1 (an ephemeral port by default).
 * @example
 * const server = await startScimServer({ port: 0, features: { sort: false, bulk: false } });
 * const adapter = createScimAdapter({ baseUrl: server.url, token: server.token, ...scimSeedReference() });
 * // ...
 * await server.close();
 */
export async function startScimServer(options: ScimServerOptions & { port?: number } = {}): Promise<RunningScimServer> {
  const app = createScimApp(options);
  const server: Server = createServer(app.handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.basePath ?? '/scim/v2'}`,
    token: SCIM_SEED_TOKEN,
    store: app.store,
    requests: app.requests,
    failNext: app.failNext,
    failMatching: app.failMatching,
    beforeMatching: app.beforeMatching,
    setLatency: app.setLatency,
    signIn: app.signIn,
    issueToken: app.issueToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
