/**
 * Schemas for everything a person types, written with `zod/mini` (~5 KB, where classic zod
 * costs ~90 KB). Messages are i18n keys (`validation.*`), translated where they are shown.
 *
 * Bounds are the core's (`src/contract/limits.ts`, listed in `docs/limits.md`). Anything over a
 * bound fails with {@link VALIDATION_KEYS.tooLong}, which every backend answers as the field code
 * `too_long` on that field; the forms, which know the field, show the message that states the
 * limit (`validation.nameTooLong`: "Use at most 100 characters.", see
 * {@link TOO_LONG_KEY_BY_FIELD}).
 */
import * as z from 'zod/mini';
import {
  MAX_BULK_IDS, MAX_EMAIL_LENGTH, MAX_INVITE_ADDRESSES, MAX_NAME_LENGTH, MAX_PHONE_LENGTH, MAX_USERNAME_LENGTH,
} from './limits';
import { cleanName } from './text';
import type { UsernamePolicy } from './types';

/** i18n keys the schemas use as messages. */
export const VALIDATION_KEYS = {
  required: 'validation.required',
  email: 'validation.email',
  usernameTooShort: 'validation.usernameTooShort',
  usernameCharset: 'validation.usernameCharset',
  phone: 'validation.phone',
  tooLong: 'validation.tooLong',
  /** A first or last name over `MAX_NAME_LENGTH`; the message states it (`{{maxName}}`). */
  nameTooLong: 'validation.nameTooLong',
  usernameTooLong: 'validation.usernameTooLong',
  phoneTooLong: 'validation.phoneTooLong',
  emailTooLong: 'validation.emailTooLong',
  emailsRequired: 'validation.emailsRequired',
  entityRequired: 'validation.entityRequired',
  roleRequired: 'validation.roleRequired',
} as const;

/**
 * The message that states the limit of a field, for a form showing a `too_long` error on it
 * (`validation.tooLong` from a schema, or the field code `too_long` from a backend).
 * @example
 * TOO_LONG_KEY_BY_FIELD.firstName; // 'validation.nameTooLong'
 */
export const TOO_LONG_KEY_BY_FIELD: Readonly<Record<string, (typeof VALIDATION_KEYS)[keyof typeof VALIDATION_KEYS]>> = {
  firstName: VALIDATION_KEYS.nameTooLong,
  lastName: VALIDATION_KEYS.nameTooLong,
  username: VALIDATION_KEYS.usernameTooLong,
  phone: VALIDATION_KEYS.phoneTooLong,
  email: VALIDATION_KEYS.emailTooLong,
};

/** A first or last name: invisible characters dropped and composed (`cleanName`), required, at most `MAX_NAME_LENGTH`. */
const nameSchema = () =>
  z.string().check(z.overwrite(cleanName), z.minLength(1, VALIDATION_KEYS.required), z.maxLength(MAX_NAME_LENGTH, VALIDATION_KEYS.tooLong));

/** An optional name sent with an invitation: cleaned, at most `MAX_NAME_LENGTH`. */
const optionalNameSchema = () => z.optional(z.string().check(z.overwrite(cleanName), z.maxLength(MAX_NAME_LENGTH, VALIDATION_KEYS.tooLong)));

/** An email address, trimmed and lower-cased. */
export const emailSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.minLength(1, VALIDATION_KEYS.required),
  z.maxLength(MAX_EMAIL_LENGTH, VALIDATION_KEYS.tooLong),
  z.email(VALIDATION_KEYS.email),
);

/** A phone number: digits, spaces and `+ ( ) - .`, 6 to 20 digits, at most `MAX_PHONE_LENGTH` characters. Empty means none. */
export const phoneSchema = z.nullable(
  z.optional(
    z.string().check(
      z.trim(),
      z.maxLength(MAX_PHONE_LENGTH, VALIDATION_KEYS.tooLong),
      z.refine((v) => v === '' || (/^[+()\-.\s\d]+$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 6 && (v.match(/\d/g)?.length ?? 0) <= 20), VALIDATION_KEYS.phone),
    ),
  ),
);

/** A username a policy without usernames ignores: still bounded. */
const unusedUsernameSchema = () => z.string().check(z.maxLength(MAX_USERNAME_LENGTH, VALIDATION_KEYS.tooLong));

/**
 * A username under a policy: at least `minLength` letters or digits, at most `MAX_USERNAME_LENGTH`. `null` when the policy has none.
 * @example
 * usernameSchema({ mode: 'required', minLength: 6, charset: 'alphanumeric' }).parse('jdoe42');
 */
export function usernameSchema(policy: UsernamePolicy) {
  if (policy.mode === 'none') return z.optional(z.nullable(unusedUsernameSchema()));
  return z.string().check(
    z.trim(),
    z.minLength(policy.minLength, VALIDATION_KEYS.usernameTooShort),
    z.maxLength(MAX_USERNAME_LENGTH, VALIDATION_KEYS.tooLong),
    z.regex(/^[\p{L}\p{N}]+$/u, VALIDATION_KEYS.usernameCharset),
  );
}

export const adminScopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('entities'), entityIds: z.array(z.string()).check(z.minLength(1, VALIDATION_KEYS.entityRequired)) }),
]);

export const modulePermissionsSchema = z.record(z.string(), z.string());

/** The login-user form of the user editor. */
export function createLoginUserSchema(policy: UsernamePolicy) {
  return z.object({
    kind: z.literal('login'),
    email: emailSchema,
    firstName: nameSchema(),
    lastName: nameSchema(),
    username: policy.mode === 'none' ? z.optional(z.nullable(unusedUsernameSchema())) : usernameSchema(policy),
    phone: phoneSchema,
    roleId: z.string().check(z.minLength(1, VALIDATION_KEYS.roleRequired)),
    adminScope: z.optional(z.nullable(adminScopeSchema)),
    scope: z.enum(['group', 'entity']),
    entityIds: z.array(z.string()).check(z.minLength(1, VALIDATION_KEYS.entityRequired)),
    subtreeEntityIds: z.optional(z.array(z.string())),
    permissions: z.optional(modulePermissionsSchema),
  });
}

/** The contact form of the user editor. */
export const createContactSchema = z.object({
  kind: z.literal('contact'),
  email: emailSchema,
  firstName: nameSchema(),
  lastName: nameSchema(),
  phone: phoneSchema,
  entityId: z.string().check(z.minLength(1, VALIDATION_KEYS.entityRequired)),
});

/** Either form, chosen by `kind`. */
export function createUserSchema(policy: UsernamePolicy) {
  return z.discriminatedUnion('kind', [createLoginUserSchema(policy), createContactSchema]);
}

export type CreateLoginUserValues = z.infer<ReturnType<typeof createLoginUserSchema>>;
export type CreateContactValues = z.infer<typeof createContactSchema>;

/** A profile edit: every field optional. */
export function userPatchSchema(policy: UsernamePolicy) {
  return z.partial(
    z.object({
      email: emailSchema,
      firstName: nameSchema(),
      lastName: nameSchema(),
      username: policy.mode === 'none' ? z.nullable(unusedUsernameSchema()) : usernameSchema(policy),
      phone: phoneSchema,
      roleId: z.string().check(z.minLength(1, VALIDATION_KEYS.roleRequired)),
      adminScope: z.nullable(adminScopeSchema),
      scope: z.enum(['group', 'entity']),
      entityIds: z.array(z.string()).check(z.minLength(1, VALIDATION_KEYS.entityRequired)),
      subtreeEntityIds: z.array(z.string()),
      permissions: modulePermissionsSchema,
    }),
  );
}

/**
 * The invite form. Addresses are checked one by one in the UI (an invalid one is skipped, not
 * refused); here at least one is needed and at most `MAX_INVITE_ADDRESSES` (`emails`: `too_long`).
 */
export const inviteUsersSchema = z.object({
  emails: z.array(z.string()).check(
    z.minLength(1, VALIDATION_KEYS.emailsRequired),
    z.maxLength(MAX_INVITE_ADDRESSES, VALIDATION_KEYS.tooLong),
  ),
  roleId: z.string().check(z.minLength(1, VALIDATION_KEYS.roleRequired)),
  entityIds: z.array(z.string()),
  subtreeEntityIds: z.optional(z.array(z.string())),
  permissions: z.optional(modulePermissionsSchema),
  adminScope: z.optional(z.nullable(adminScopeSchema)),
  scope: z.optional(z.enum(['group', 'entity'])),
  names: z.optional(
    z.record(z.string(), z.object({ firstName: optionalNameSchema(), lastName: optionalNameSchema() })).check(
      z.refine((names) => Object.keys(names).length <= MAX_INVITE_ADDRESSES, VALIDATION_KEYS.tooLong),
    ),
  ),
});

export type InviteUsersValues = z.infer<typeof inviteUsersSchema>;

/**
 * The ids of one bulk action (status change, removal): at least one, at most `MAX_BULK_IDS` (over it: `too_long`).
 * @example
 * bulkIdsSchema.safeParse(Array(1001).fill('u')).success; // false
 */
export const bulkIdsSchema = z.array(z.string()).check(
  z.minLength(1, VALIDATION_KEYS.required),
  z.maxLength(MAX_BULK_IDS, VALIDATION_KEYS.tooLong),
);

/** Whether a string is a valid email address by the same rule as {@link emailSchema}. */
export function isValidEmail(value: string): boolean {
  return emailSchema.safeParse(value).success;
}
