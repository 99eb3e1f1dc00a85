import type { IdentityProviderField, Settings, User } from '../contract/types';
import type { Refusal } from './refusal';
import type { RuleContext } from './actions';
import { classifyInvitee, emailDomain, type InviteeFacts } from './invite';

/**
 * Who owns a user's profile fields (name, email, username, phone):
 * - a group user's profile is edited at group level: at entity level it is read-only
 *   (`group_profile_read_only`, forbidden), their role and access still change there;
 * - for a user created by SSO, the identity provider owns `settings.sso.managedFields`
 *   (default email, first and last name): read-only here (`managed_by_idp`, validation, one field
 *   error each), they update at the user's next sign-in.
 */

/** The profile fields of a user. */
export const PROFILE_FIELDS: readonly IdentityProviderField[] = ['email', 'firstName', 'lastName', 'username', 'phone'];

/** The fields an identity provider owns by default. */
export const DEFAULT_IDP_MANAGED_FIELDS: readonly IdentityProviderField[] = ['email', 'firstName', 'lastName'];

/**
 * The profile fields the acting admin cannot change for this user, and why: all of them for a
 * group user at entity level, the IdP-managed ones for a user created by SSO, none otherwise.
 * @example
 * const { fields, reason } = readOnlyProfileFields(settings, user); // the editor disables `fields`
 */
export function readOnlyProfileFields(
  settings: Pick<Settings, 'workspace' | 'sso'>,
  user: Pick<User, 'scope' | 'source'>,
): { fields: readonly IdentityProviderField[]; reason: 'group_profile_read_only' | 'managed_by_idp' | null } {
  if (settings.workspace?.level === 'entity' && user.scope === 'group') return { fields: PROFILE_FIELDS, reason: 'group_profile_read_only' };
  if (user.source === 'sso') return { fields: settings.sso.managedFields ?? DEFAULT_IDP_MANAGED_FIELDS, reason: 'managed_by_idp' };
  return { fields: [], reason: null };
}

/**
 * Whether a change of these profile fields (those whose value actually changes) is allowed; see
 * {@link readOnlyProfileFields}.
 * @example
 * enforce(checkProfileChange(settings, user, ['firstName']));
 */
export function checkProfileChange(
  settings: Pick<Settings, 'workspace' | 'sso'>,
  user: Pick<User, 'scope' | 'source'>,
  changed: readonly IdentityProviderField[],
): Refusal | null {
  const { fields, reason } = readOnlyProfileFields(settings, user);
  const refused = changed.filter((field) => fields.includes(field));
  if (refused.length === 0 || reason === null) return null;
  if (reason === 'group_profile_read_only') {
    return { code: 'forbidden', reason, message: "A group user's profile is edited at group level" };
  }
  return {
    code: 'validation', reason, message: 'The identity provider owns these fields',
    fieldErrors: Object.fromEntries(refused.map((field) => [field, 'managed_by_idp'])),
  };
}

/**
 * Whether a login user may have this address, by the same rules as a new invitee's domain
 * (`domain_not_allowed`, `disposable`): refused with `<field>: 'not_allowed'` (validation).
 * Contacts, who never sign in, are not checked.
 * @example
 * enforce(checkLoginEmail(email, { domainAllowed: allowed(email), disposable: await isDisposable(email) }));
 */
export function checkLoginEmail(email: string, facts: Omit<InviteeFacts, 'existing'>, field = 'email'): Refusal | null {
  const reason = classifyInvitee({ existing: null, ...facts });
  if (reason === null) return null;
  return { code: 'validation', reason: 'email_not_allowed', message: `Domain ${emailDomain(email)} is refused (${reason})`, fieldErrors: { [field]: 'not_allowed' } };
}

/**
 * Whether the acting admin may change a role's preset (its default module access): a role applies
 * to users of every entity, so only an admin whose acting scope is all entities changes it.
 * @example
 * enforce(checkRoleEdit(ctx));
 */
export function checkRoleEdit(ctx: RuleContext): Refusal | null {
  if (ctx.actor.isAdmin && (ctx.actor.adminScope ?? { type: 'all' }).type === 'all') return null;
  return { code: 'forbidden', reason: 'outside_scope', message: 'Only an administrator of every entity changes a role' };
}
