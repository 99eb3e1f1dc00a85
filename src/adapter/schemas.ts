/**
 * Schemas for everything a person types, written with `zod/mini` (~5 KB, where classic zod
 * costs ~90 KB). Messages are i18n keys (`validation.*`), translated where they are shown.
 */
import * as z from 'zod/mini';
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

const trimmed = (max = 200) =>
  z.string().check(z.trim(), z.minLength(1, VALIDATION_KEYS.required), z.maxLength(max, VALIDATION_KEYS.tooLong));

/** An email address, trimmed and lower-cased. */
export const emailSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.minLength(1, VALIDATION_KEYS.required),
  z.maxLength(254, VALIDATION_KEYS.tooLong),
  z.email(VALIDATION_KEYS.email),
);

/** A phone number: digits, spaces and `+ ( ) - .`, 6 to 20 digits. Empty means none. */
export const phoneSchema = z.nullable(
  z.optional(
    z.string().check(
      z.trim(),
      z.refine((v) => v === '' || (/^[+()\-.\s\d]+$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 6 && (v.match(/\d/g)?.length ?? 0) <= 20), VALIDATION_KEYS.phone),
    ),
  ),
);

/**
 * A username under a policy: at least `minLength` letters or digits. `null` when the policy has none.
 * @example
 * usernameSchema({ mode: 'required', minLength: 6, charset: 'alphanumeric' }).parse('jdoe42');
 */
export function usernameSchema(policy: UsernamePolicy) {
  if (policy.mode === 'none') return z.optional(z.nullable(z.string()));
  return z.string().check(
    z.trim(),
    z.minLength(policy.minLength, VALIDATION_KEYS.usernameTooShort),
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
    firstName: trimmed(),
    lastName: trimmed(),
    username: policy.mode === 'none' ? z.optional(z.nullable(z.string())) : usernameSchema(policy),
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
  firstName: trimmed(),
  lastName: trimmed(),
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
      firstName: trimmed(),
      lastName: trimmed(),
      username: policy.mode === 'none' ? z.nullable(z.string()) : usernameSchema(policy),
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

/** The invite form. Addresses are checked one by one in the UI; here at least one is needed. */
export const inviteUsersSchema = z.object({
  emails: z.array(z.string()).check(z.minLength(1, VALIDATION_KEYS.emailsRequired)),
  roleId: z.string().check(z.minLength(1, VALIDATION_KEYS.roleRequired)),
  entityIds: z.array(z.string()),
  subtreeEntityIds: z.optional(z.array(z.string())),
  permissions: z.optional(modulePermissionsSchema),
  adminScope: z.optional(z.nullable(adminScopeSchema)),
  scope: z.optional(z.enum(['group', 'entity'])),
  names: z.optional(z.record(z.string(), z.object({ firstName: z.optional(z.string()), lastName: z.optional(z.string()) }))),
});

export type InviteUsersValues = z.infer<typeof inviteUsersSchema>;

/** Whether a string is a valid email address by the same rule as {@link emailSchema}. */
export function isValidEmail(value: string): boolean {
  return emailSchema.safeParse(value).success;
}
