import { describe, expect, it } from 'vitest';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import pt from '../i18n/locales/pt.json';
import { SIGN_IN_FAILURE_CODES, SIGN_IN_GUIDANCE, UNKNOWN_SIGN_IN_GUIDANCE, getSignInGuidance } from './guidance';
import { buildSupportDetails } from './supportDetails';

const lookup = (messages: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);

describe('SIGN_IN_GUIDANCE', () => {
  it('gives every failure code a resolver and at least two steps, each translated in en, fr and pt', () => {
    for (const code of SIGN_IN_FAILURE_CODES) {
      const guidance = SIGN_IN_GUIDANCE[code];
      expect(['admin', 'identity_provider', 'support'], code).toContain(guidance.resolver);
      expect(guidance.steps.length, code).toBeGreaterThanOrEqual(2);
      for (const key of [...guidance.steps, `signInFailure.${code}`]) {
        for (const [locale, messages] of Object.entries({ en, fr, pt })) {
          const text = lookup(messages, key);
          expect(typeof text === 'string' && text.trim() !== '', `${locale} ${key}`).toBe(true);
        }
      }
    }
    expect(Object.keys(SIGN_IN_GUIDANCE).sort()).toEqual([...SIGN_IN_FAILURE_CODES].sort());
  });

  it('makes this admin the resolver, with the matching action, for what the admin can fix here', () => {
    expect(SIGN_IN_GUIDANCE.account_deactivated).toMatchObject({ resolver: 'admin', adminAction: 'reactivate' });
    expect(SIGN_IN_GUIDANCE.invitation_expired).toMatchObject({ resolver: 'admin', adminAction: 'resendInvitation' });
    expect(SIGN_IN_GUIDANCE.invitation_pending).toMatchObject({ resolver: 'admin', adminAction: 'resendInvitation' });
    expect(SIGN_IN_GUIDANCE.entity_not_granted).toMatchObject({ resolver: 'admin', adminAction: 'editEntities' });
    // A forgotten or expired password: the admin may send a reset link (never set a password).
    expect(SIGN_IN_GUIDANCE.invalid_credentials).toMatchObject({ resolver: 'admin', adminAction: 'sendPasswordReset' });
    expect(SIGN_IN_GUIDANCE.sso_required.adminAction).toBeUndefined();
  });

  it('sends SSO errors to the identity provider and locks and second-factor problems to support', () => {
    expect(SIGN_IN_GUIDANCE.sso_error.resolver).toBe('identity_provider');
    expect(SIGN_IN_GUIDANCE.locked.resolver).toBe('support');
    expect(SIGN_IN_GUIDANCE.mfa_failed.resolver).toBe('support');
  });

  it('given an unknown message, sends it to support with the generic steps', () => {
    expect(getSignInGuidance('unknown')).toBe(UNKNOWN_SIGN_IN_GUIDANCE);
    expect(UNKNOWN_SIGN_IN_GUIDANCE).toEqual({ resolver: 'support', steps: ['signInGuide.steps.unknown.checkStatus', 'signInGuide.steps.unknown.sendDetails'] });
  });

  it('under SSO enforcement, sends second-factor failures to the identity provider and leaves the rest as is', () => {
    expect(getSignInGuidance('mfa_failed', { ssoEnforced: true }).resolver).toBe('identity_provider');
    expect(getSignInGuidance('mfa_failed').resolver).toBe('support');
    expect(getSignInGuidance('account_deactivated', { ssoEnforced: true })).toBe(SIGN_IN_GUIDANCE.account_deactivated);
  });
});

describe('buildSupportDetails', () => {
  const base = {
    code: 'sso_error' as const,
    message: 'AADSTS50105: Your administrator has configured the application to block users.',
    occurredAt: '2026-01-14T02:00:00.000Z',
    email: 'jurgen.smith@acme-group.com',
    requestId: 'req_5fd9c9a1',
  };

  it('keeps the raw message, the ISO date, the email and the request id verbatim, under English labels in English', () => {
    const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
    const text = buildSupportDetails({ ...base, t, locale: 'en' });
    expect(text.split('\n')).toEqual([
      en.signInGuide.details.heading,
      `${en.signInGuide.details.cause}: ${en.signInFailure.sso_error} (sso_error)`,
      `${en.signInGuide.details.occurredAt}: 2026-01-14T02:00:00.000Z`,
      `${en.signInGuide.details.email}: jurgen.smith@acme-group.com`,
      `${en.signInGuide.details.requestId}: req_5fd9c9a1`,
      `${en.signInGuide.details.language}: en`,
      `${en.signInGuide.details.message}: ${base.message}`,
    ]);
  });

  it('translates the labels in Portuguese but not the message, the date or the ids', () => {
    const t = getUserAdminT(createUserAdminI18n({ locale: 'pt' }));
    const text = buildSupportDetails({ ...base, t, locale: 'pt', ip: '203.0.113.9', userAgent: 'Firefox 133' });
    expect(text).toContain(`${pt.signInGuide.details.requestId}: req_5fd9c9a1`);
    expect(text).toContain(`${pt.signInGuide.details.occurredAt}: 2026-01-14T02:00:00.000Z`);
    expect(text).toContain(`${pt.signInGuide.details.ip}: 203.0.113.9`);
    expect(text).toContain(`${pt.signInGuide.details.userAgent}: Firefox 133`);
    expect(text).toContain(`${pt.signInGuide.details.message}: ${base.message}`);
    expect(text).not.toContain(en.signInGuide.details.heading);
  });

  it('given a timestamp, writes it as ISO 8601; without a message, email or request id, says so or leaves the line out', () => {
    const t = getUserAdminT(createUserAdminI18n({ locale: 'fr' }));
    const text = buildSupportDetails({ t, locale: 'fr', code: 'unknown', occurredAt: Date.UTC(2026, 0, 15, 9) });
    expect(text).toContain(`${fr.signInGuide.details.occurredAt}: 2026-01-15T09:00:00.000Z`);
    expect(text).toContain(`${fr.signInGuide.details.message}: ${fr.signInGuide.details.noMessage}`);
    expect(text).toContain(`${fr.signInGuide.diagnosis.unknownCause} (unknown)`);
    expect(text).not.toContain(fr.signInGuide.details.requestId);
    expect(text).not.toContain(`${fr.signInGuide.details.email}:`);
  });

  it('given a message on several lines, copies it under its label exactly as it was', () => {
    const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
    const message = 'Sign-in failed\n  Trace ID: 4f2c\n  Correlation ID: 9a1e';
    expect(buildSupportDetails({ ...base, message, t, locale: 'en' }).endsWith(`${en.signInGuide.details.message}:\n${message}`)).toBe(true);
  });
});
