import { describe, expect, it } from 'vitest';
import { CURRENT_ADMIN_ID, createMockStore, ROLE_IDS } from '../../mocks';
import { isUserAdminError } from './errors';
import {
  bulkIdsSchema, createContactSchema, createLoginUserSchema, inviteUsersSchema, TOO_LONG_KEY_BY_FIELD, userPatchSchema,
  VALIDATION_KEYS,
} from './schemas';
import {
  MAX_BULK_IDS, MAX_EMAIL_LENGTH, MAX_INVITE_ADDRESSES, MAX_NAME_LENGTH, MAX_PHONE_LENGTH, MAX_USERNAME_LENGTH,
} from './limits';

const policy = { mode: 'required', minLength: 3, charset: 'alphanumeric' } as const;
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('the shared schemas enforce the core limits', () => {
  it('clean names of bidi and zero-width characters and refuse one over MAX_NAME_LENGTH', () => {
    const contact = { kind: 'contact', email: 'a@acme.fr', firstName: '\u202EAna\u200B', lastName: 'Lima', entityId: 'e' };
    expect(createContactSchema.parse(contact).firstName).toBe('Ana');
    expect(createContactSchema.safeParse({ ...contact, firstName: 'a'.repeat(MAX_NAME_LENGTH) }).success).toBe(true);
    expect(messages(createContactSchema.safeParse({ ...contact, firstName: 'a'.repeat(MAX_NAME_LENGTH + 1) }))).toEqual([`firstName: ${VALIDATION_KEYS.tooLong}`]);
    expect(messages(userPatchSchema(policy).safeParse({ lastName: 'a'.repeat(100_000) }))).toEqual([`lastName: ${VALIDATION_KEYS.tooLong}`]);
    // Only invisible characters: nothing is left, so the name is missing.
    expect(messages(createContactSchema.safeParse({ ...contact, lastName: '\u200B\u202E' }))).toEqual([`lastName: ${VALIDATION_KEYS.required}`]);
  });

  it('bound usernames, phones and emails', () => {
    const login = {
      kind: 'login', email: 'a@acme.fr', firstName: 'A', lastName: 'B', username: 'abc', phone: null, roleId: 'r', scope: 'group', entityIds: ['e'],
    };
    const schema = createLoginUserSchema(policy);
    expect(schema.safeParse(login).success).toBe(true);
    expect(messages(schema.safeParse({ ...login, username: 'a'.repeat(MAX_USERNAME_LENGTH + 1) }))).toEqual([`username: ${VALIDATION_KEYS.tooLong}`]);
    expect(messages(schema.safeParse({ ...login, phone: `+33 ${'1 '.repeat(MAX_PHONE_LENGTH)}` }))[0]).toBe(`phone: ${VALIDATION_KEYS.tooLong}`);
    expect(messages(schema.safeParse({ ...login, email: `${'a'.repeat(MAX_EMAIL_LENGTH)}@acme.fr` }))[0]).toBe(`email: ${VALIDATION_KEYS.tooLong}`);
    expect(messages(userPatchSchema({ mode: 'none' } as never).safeParse({ username: 'a'.repeat(MAX_USERNAME_LENGTH + 1) }))).toEqual([`username: ${VALIDATION_KEYS.tooLong}`]);
  });

  it('refuse an invitation of more than MAX_INVITE_ADDRESSES addresses, and bound the names sent with it', () => {
    const emails = (n: number) => Array.from({ length: n }, (_, i) => `u${i}@acme.fr`);
    const input = { roleId: 'r', entityIds: ['e'] };
    expect(inviteUsersSchema.safeParse({ ...input, emails: emails(MAX_INVITE_ADDRESSES) }).success).toBe(true);
    expect(messages(inviteUsersSchema.safeParse({ ...input, emails: emails(MAX_INVITE_ADDRESSES + 1) }))).toEqual([`emails: ${VALIDATION_KEYS.tooLong}`]);
    const names = { 'u0@acme.fr': { firstName: '\u202Eana', lastName: 'b'.repeat(MAX_NAME_LENGTH + 1) } };
    expect(messages(inviteUsersSchema.safeParse({ ...input, emails: emails(1), names }))).toEqual([`names.u0@acme.fr.lastName: ${VALIDATION_KEYS.tooLong}`]);
  });

  it('bound page sizes and bulk id lists', () => {
    expect(bulkIdsSchema.safeParse(Array(MAX_BULK_IDS).fill('u')).success).toBe(true);
    expect(messages(bulkIdsSchema.safeParse(Array(MAX_BULK_IDS + 1).fill('u')))).toEqual([`: ${VALIDATION_KEYS.tooLong}`]);
  });

  it('name, for each bounded field, the message that states its limit', () => {
    expect(TOO_LONG_KEY_BY_FIELD).toMatchObject({ firstName: 'validation.nameTooLong', username: 'validation.usernameTooLong', phone: 'validation.phoneTooLong' });
  });
});

describe('the reference store, through the shared schemas', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return isUserAdminError(error) ? { code: error.code, fieldErrors: error.fieldErrors } : error;
    }
    return null;
  };

  it('refuses a 100,000-character first name with too_long, and stores names without bidi or zero-width characters', () => {
    const store = createMockStore({ userCount: 3 });
    const target = store.listUsers({ pageIndex: 0, pageSize: 50 }).items.find((u) => u.id !== CURRENT_ADMIN_ID)!;
    expect(refusal(() => store.updateUser({ id: target.id, patch: { firstName: 'a'.repeat(100_000) } }))).toEqual({
      code: 'validation', fieldErrors: { firstName: 'too_long' },
    });
    store.updateUser({ id: target.id, patch: { firstName: 'Ana\u202E\u200B' } });
    expect(store.getUser({ id: target.id }).firstName).toBe('Ana');
  });

  it('refuses an invitation of more than MAX_INVITE_ADDRESSES addresses with emails: too_long', () => {
    const store = createMockStore({ userCount: 3 });
    const entityId = store.listEntities({ pageIndex: 0, pageSize: 1 }).items[0]!.id;
    const emails = Array.from({ length: MAX_INVITE_ADDRESSES + 1 }, (_, i) => `new${i}@acme.fr`);
    expect(refusal(() => store.inviteUsers({ input: { emails, roleId: ROLE_IDS.user, entityIds: [entityId] } }))).toMatchObject({
      code: 'validation', fieldErrors: { emails: 'too_long' },
    });
  });
});
