// The README's "Writing an adapter" example, type-checked by tsc and kept identical to the README by
// test/unit/readme-example.test.ts. `getToken` stands for however your app gets its access token.
declare function getToken(): string;

import { UserAdminError, type UserAdminAdapter, type UserAdminErrorCode } from 'user-admin-kit/headless';

const codes: Record<number, UserAdminErrorCode> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'validation', 429: 'rate_limited', 503: 'unavailable' };

async function api<T>(path: string, init: RequestInit & { query?: object } = {}): Promise<T> {
  const url = new URL(path, 'https://api.example.com/v1/');
  for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined) url.searchParams.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${getToken()}` } })
    .catch((e) => { if (e.name === 'AbortError') throw e; throw new UserAdminError('network', String(e)); });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new UserAdminError(codes[res.status] ?? 'unknown', body.message, { reason: body.reason, fieldErrors: body.fields });
  return body as T;
}
const send = (method: string, body?: unknown) => ({ method, body: JSON.stringify(body) });

export const myAdapter: UserAdminAdapter = {
  getSettings: ({ signal } = {}) => api('org/settings', { signal }),
  listUsers: ({ signal, ...query }) => api('members', { signal, query }),
  getUser: ({ id, signal }) => api(`members/${id}`, { signal }),
  createUser: ({ input, signal }) => api('members', { ...send('POST', input), signal }),
  updateUser: ({ id, patch, signal }) => api(`members/${id}`, { ...send('PATCH', patch), signal }),
  setUserStatus: ({ id, status, signal }) => api(`members/${id}/status`, { ...send('PUT', { status }), signal }),
  removeUser: ({ id, signal }) => api(`members/${id}`, { method: 'DELETE', signal }),
  inviteUsers: ({ input, signal }) => api('invitations', { ...send('POST', input), signal }),
  listInvitations: ({ signal, ...query }) => api('invitations', { signal, query }),
  resendInvitation: ({ id, signal }) => api(`invitations/${id}/resend`, { method: 'POST', signal }),
  revokeInvitation: ({ id, signal }) => api(`invitations/${id}`, { method: 'DELETE', signal }),
  listRoles: ({ signal } = {}) => api('roles', { signal }),
  listModules: ({ signal } = {}) => api('modules', { signal }),
  listEntities: ({ signal, ...query }) => api('entities', { signal, query }),
};
