import { describe, expect, it } from 'vitest';
import { LIMIT_MESSAGE_VALUES, MAX_INVITE_ADDRESSES, MAX_NAME_LENGTH } from '../contract/limits';
import { applyMessages, createUserAdminI18n, getUserAdminT, type UserAdminMessages } from './i18n';

const hostile = (): UserAdminMessages => JSON.parse(
  '{"en": {"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "users": {"__proto__": {"polluted": "yes"}, "title": "People"}},'
  + ' "__proto__": {"polluted": "yes"}}',
) as UserAdminMessages;

describe('host messages', () => {
  it('given __proto__, constructor or prototype keys, never pollute Object.prototype and still apply the rest', () => {
    const i18n = createUserAdminI18n({ messages: hostile() });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(getUserAdminT(i18n)('users.title')).toBe('People');

    applyMessages(i18n, hostile());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(getUserAdminT(i18n)('users.title')).toBe('People');
  });
});

describe('the limits in messages', () => {
  it('are filled from the core without the caller passing them, in every locale', () => {
    for (const locale of ['en', 'fr', 'pt']) {
      const t = getUserAdminT(createUserAdminI18n({ locale }));
      expect(t('validation.nameTooLong'), locale).toContain(String(MAX_NAME_LENGTH));
      expect(t('invite.tooManyAddresses'), locale).toContain(String(MAX_INVITE_ADDRESSES));
    }
    expect(getUserAdminT(createUserAdminI18n())('validation.usernameTooLong')).toBe(`Use at most ${LIMIT_MESSAGE_VALUES.maxUsername} characters.`);
  });

  it('ask to confirm a large invitation with plural forms in en, fr and pt', () => {
    expect(getUserAdminT(createUserAdminI18n())('invite.confirmMany', { count: 120 })).toBe('Invite 120 people?');
    expect(getUserAdminT(createUserAdminI18n({ locale: 'fr' }))('invite.confirmMany', { count: 120 })).toBe('Inviter 120 personnes ?');
    expect(getUserAdminT(createUserAdminI18n({ locale: 'fr' }))('invite.confirmMany', { count: 1_000_000 })).toBe('Inviter 1000000 de personnes ?');
    expect(getUserAdminT(createUserAdminI18n({ locale: 'pt' }))('invite.confirmMany', { count: 120 })).toBe('Convidar 120 pessoas?');
  });
});
