/**
 * SCIM 2.0 wire details the adapter needs: URNs, resource shapes, the ServiceProviderConfig,
 * error bodies and filter syntax (RFC 7643, RFC 7644).
 */
import { UserAdminError, type UserAdminErrorCode } from '../../contract/errors';
import { errorCodeForStatus, parseRetryAfter } from '../rest/protocol';

/**
 * The user-admin extension on Users.
 * @example
 * const kind = resource[SCIM_USER_EXTENSION]?.kind; // 'login' | 'contact'
 */
export const SCIM_USER_EXTENSION = 'urn:ietf:params:scim:schemas:extension:user-admin:2.0:User';
/**
 * The user-admin extension on Groups: a Group carrying it is a role.
 * @example
 * const isRole = group[SCIM_GROUP_EXTENSION] !== undefined;
 */
export const SCIM_GROUP_EXTENSION = 'urn:ietf:params:scim:schemas:extension:user-admin:2.0:Group';
export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The User extension's attributes (docs/adapters/scim.md). */
export interface ScimUserExtension {
  kind?: 'login' | 'contact';
  scope?: 'group' | 'entity';
  entityIds?: string[];
  subtreeEntityIds?: string[];
  permissions?: { module: string; level: string }[];
  /** `['all']` or entity ids. */
  adminScope?: string[];
  source?: 'manual' | 'invitation' | 'sso';
  invitation?: {
    id: string;
    kind: 'invitation' | 'registration_request';
    sentAt: string;
    expiresAt: string;
    invitedBy?: { value: string; display?: string };
  };
  pendingEmail?: string;
  lastSignInAt?: string;
}

/** A SCIM User as the adapter reads and writes it. */
export interface ScimUser {
  schemas?: string[];
  id: string;
  userName: string;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  displayName?: string;
  emails?: { value: string; type?: string; primary?: boolean }[];
  phoneNumbers?: { value: string; type?: string; primary?: boolean }[];
  active?: boolean;
  groups?: { value: string; display?: string }[];
  /** `version`: the resource's ETag (RFC 7643 §3.1), when the provider supports ETags. */
  meta?: { created?: string; lastModified?: string; resourceType?: string; location?: string; version?: string };
  [SCIM_USER_EXTENSION]?: ScimUserExtension;
}

/** A SCIM Group; role groups carry the Group extension. */
export interface ScimGroup {
  id: string;
  displayName: string;
  members?: { value: string; display?: string }[];
  [SCIM_GROUP_EXTENSION]?: { isAdmin?: boolean; description?: string; defaultPermissions?: { module: string; level: string }[] };
}

export interface ScimListResponse<T> {
  totalResults: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: T[];
}

/**
 * What the adapter reads of `/ServiceProviderConfig`.
 * @example
 * const spc: ScimServiceProviderConfig = { filter: { supported: true, maxResults: 200 }, sort: { supported: false }, bulk: { supported: false }, patch: { supported: true } };
 */
export interface ScimServiceProviderConfig {
  filter?: { supported?: boolean; maxResults?: number };
  sort?: { supported?: boolean };
  bulk?: { supported?: boolean; maxOperations?: number; maxPayloadSize?: number };
  patch?: { supported?: boolean };
  etag?: { supported?: boolean };
}

/**
 * The provider's capabilities, with defaults filled in.
 * @example
 * const caps: ProviderCapabilities = capabilitiesOf(await (await fetch(`${base}/ServiceProviderConfig`)).json());
 */
export interface ProviderCapabilities {
  filter: boolean;
  maxResults: number;
  sort: boolean;
  bulk: boolean;
  maxOperations: number;
  patch: boolean;
  /** ETags (`etag.supported`): resources carry `meta.version` and writes honour `If-Match`. */
  etag: boolean;
}

/**
 * Reads a ServiceProviderConfig into capabilities (missing means unsupported; maxResults defaults to 200).
 * @example
 * capabilitiesOf({ sort: { supported: true } }).sort; // true
 */
export function capabilitiesOf(spc: ScimServiceProviderConfig): ProviderCapabilities {
  return {
    filter: spc.filter?.supported === true,
    maxResults: Math.max(1, spc.filter?.maxResults ?? 200),
    sort: spc.sort?.supported === true,
    bulk: spc.bulk?.supported === true,
    maxOperations: Math.max(1, spc.bulk?.maxOperations ?? 1),
    patch: spc.patch?.supported !== false,
    etag: spc.etag?.supported === true,
  };
}

/**
 * A SCIM string literal for a filter (`"..."`, JSON escaping as RFC 7644 asks).
 * @example
 * `userName eq ${scimString('ana@acme.fr')}`; // userName eq "ana@acme.fr"
 */
export function scimString(value: string): string {
  return JSON.stringify(value);
}

/**
 * The error for a SCIM error response: status → code, `uniqueness` → conflict `email_taken` on
 * `email`, `invalidValue` / `invalidSyntax` / `invalidFilter` / `invalidPath` → validation.
 * @example
 * errorFromScim(409, { status: '409', scimType: 'uniqueness', detail: 'taken' }).reason; // 'email_taken'
 */
export function errorFromScim(status: number, body: unknown, retryAfter?: string | null): UserAdminError {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const scimType = typeof b.scimType === 'string' ? b.scimType : undefined;
  const detail = typeof b.detail === 'string' && b.detail !== '' ? b.detail : `SCIM error ${status}${scimType ? ` (${scimType})` : ''}`;
  let code: UserAdminErrorCode = errorCodeForStatus(status);
  // 412: an If-Match (or a Bulk operation's version) that no longer matches, the resource changed since it was read.
  if (status === 412) return new UserAdminError('conflict', detail, { reason: 'stale', status });
  if (scimType === 'uniqueness') {
    return new UserAdminError('conflict', detail, { reason: 'email_taken', fieldErrors: { email: 'taken' }, status });
  }
  if (scimType && ['invalidValue', 'invalidSyntax', 'invalidFilter', 'invalidPath', 'noTarget', 'tooMany'].includes(scimType) && status < 500) code = 'validation';
  return new UserAdminError(code, detail, { status, retryAfterMs: parseRetryAfter(retryAfter) });
}
