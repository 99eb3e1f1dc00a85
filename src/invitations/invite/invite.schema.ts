/**
 * The invite dialog's form: one schema, `zod/mini`, messages as i18n keys translated where they
 * are shown (see {@link translateInviteFieldError}).
 */
import * as z from 'zod/mini';
import { VALIDATION_KEYS, modulePermissionsSchema } from '../../contract/schemas';
import type { MessageKey, TranslateOptions, UserAdminT } from '../../i18n/i18n';
import { UserAdminError } from '../../contract/errors';
import type { InviteFailure } from '../../contract/types';
import { translateError, translateFieldError } from '../../i18n/errors';
import { classifyAddresses, parseEmails, type ParsedAddress } from './parseEmails';
import { MAX_INVITE_ADDRESSES } from '../../contract/limits';

/**
 * i18n keys the invite schema uses as messages, beyond the shared `validation.*` ones.
 * @example
 * t(INVITE_VALIDATION_KEYS.addressesNeedAttention, { count: 2 }); // '2 addresses need attention: ...'
 */
export const INVITE_VALIDATION_KEYS = {
  /** Some chips are invalid or duplicates; shown with `{ count }`. */
  addressesNeedAttention: 'invite.addressesNeedAttention',
  /** More than `MAX_INVITE_ADDRESSES` addresses; the message states the limit. */
  tooManyAddresses: 'invite.tooManyAddresses',
} as const;

/**
 * The address of one chip: a chip holds the text one address came from (`Jane <jane@acme.fr>`).
 * @example
 * chipAddress('Jane <Jane@Acme.fr>').email; // 'jane@acme.fr'
 */
export function chipAddress(text: string): ParsedAddress {
  return parseEmails(text)[0] ?? { text, name: null, address: text, email: '', valid: false };
}

/**
 * How many chips are invalid or duplicates.
 * @example
 * countAddressProblems(['a@acme.fr', 'A@acme.fr', 'nope']); // 2
 */
export function countAddressProblems(texts: readonly string[]): number {
  return classifyAddresses(texts.map(chipAddress)).filter((status) => status !== 'valid').length;
}

/**
 * The invite form: the chips (each the text of one address), a role, module access, the admin
 * scope (used for admin roles only), the entities reached and, of those, the ones granted with all
 * their sub-accounts (`subtreeEntityIds`).
 * @example
 * useForm<InviteFormValues>({ resolver: standardSchemaResolver(inviteFormSchema) });
 */
export const inviteFormSchema = z.object({
  emails: z.array(z.string()).check(
    z.minLength(1, VALIDATION_KEYS.emailsRequired),
    z.maxLength(MAX_INVITE_ADDRESSES, INVITE_VALIDATION_KEYS.tooManyAddresses),
    z.refine((texts) => countAddressProblems(texts) === 0, INVITE_VALIDATION_KEYS.addressesNeedAttention),
  ),
  roleId: z.string().check(z.minLength(1, VALIDATION_KEYS.roleRequired)),
  permissions: modulePermissionsSchema,
  adminScope: z.enum(['all', 'entities']),
  entityIds: z.array(z.string()).check(z.minLength(1, VALIDATION_KEYS.entityRequired)),
  subtreeEntityIds: z.array(z.string()),
});

/** The values of the invite form. */
export type InviteFormValues = z.infer<typeof inviteFormSchema>;

/**
 * The text of an invite form error: the invite dialog's own keys (`invite.*`) with `values`,
 * else as {@link translateFieldError} (shared `validation.*` keys, server field codes, or a
 * server's own text as is).
 * @example
 * translateInviteFieldError(t, 'invite.addressesNeedAttention', { count: 2 }); // '2 addresses need attention: ...'
 */
export function translateInviteFieldError(t: UserAdminT, message: string, values?: TranslateOptions): string {
  if ((Object.values(INVITE_VALIDATION_KEYS) as string[]).includes(message)) return t(message as MessageKey, values);
  return translateFieldError(t, message, values);
}

/**
 * The text of an address the backend could not invite: its domain reason if any, else its code,
 * as for any error (`errors.reason.*`, `errors.*`).
 * @example
 * translateInviteFailure(t, { email: 'ana@acme.fr', code: 'unavailable' }); // 'The service is temporarily unavailable. ...'
 */
export function translateInviteFailure(t: UserAdminT, failure: InviteFailure): string {
  return translateError(t, new UserAdminError(failure.code, failure.email, failure.reason ? { reason: failure.reason } : {}));
}
