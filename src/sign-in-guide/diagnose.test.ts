import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import pt from '../i18n/locales/pt.json';
import { diagnoseSignInMessage, foldSignInText } from './diagnose';
import { SIGN_IN_FAILURE_CODES, type SignInDiagnosisCode } from './guidance';

type Row = [message: string, code: SignInDiagnosisCode, confidence: 'high' | 'low', matched?: string];

/** Messages as people paste them: our own texts, identity providers' errors, and free text in three languages. */
const TABLE: Row[] = [
  // Microsoft Entra ID
  ['AADSTS50126: Error validating credentials due to invalid username or password.', 'invalid_credentials', 'high', 'AADSTS50126'],
  ['AADSTS50057: The user account is disabled.', 'account_deactivated', 'high', 'AADSTS50057'],
  ['AADSTS50053: The account is locked because the user tried to sign in too many times with an incorrect user ID or password.', 'locked', 'high', 'AADSTS50053'],
  ['AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access.', 'mfa_failed', 'high', 'AADSTS50076'],
  ['aadsts50079: user needs to enroll for second factor authentication', 'mfa_failed', 'high', 'aadsts50079'],
  ["AADSTS700016: Application with identifier 'f1c3…' was not found in the directory 'Contoso'.", 'sso_error', 'high', 'AADSTS700016'],
  ["AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted ('assigned') access.", 'sso_error', 'high', 'AADSTS50105'],
  ['AADSTS99999: something we have never seen', 'sso_error', 'low', 'AADSTS99999'],
  // Okta, SAML, OAuth
  ['Okta error E0000004: Authentication failed', 'invalid_credentials', 'high', 'E0000004'],
  ['E0000069: User Locked', 'locked', 'high', 'E0000069'],
  ['SAML response validation failed: InResponseTo does not match any request', 'sso_error', 'high', 'SAML response'],
  ['Error: Invalid signature on SAML assertion', 'sso_error', 'high', 'SAML assertion'],
  ['The assertion is not yet valid: clock skew too large', 'sso_error', 'high', 'clock skew'],
  ['{"error":"invalid_grant","error_description":"The authorization code is invalid"}', 'sso_error', 'low', 'invalid_grant'],
  ['error=access_denied&error_description=User+is+not+assigned+to+the+client+application', 'sso_error', 'low', 'access_denied'],
  // Our own texts, as the sign-in page shows them
  ['Account deactivated', 'account_deactivated', 'high', 'Account deactivated'],
  ['  COMPTE DÉSACTIVÉ  ', 'account_deactivated', 'high', 'COMPTE DÉSACTIVÉ'],
  ['Erro: Convite expirado.', 'invitation_expired', 'high', 'Convite expirado'],
  ['Invitation pas encore acceptée', 'invitation_pending', 'high', 'Invitation pas encore acceptée'],
  ['Connexion SSO obligatoire', 'sso_required', 'high'],
  ['Falha no login via SSO', 'sso_error', 'high'],
  ['Échec de la double authentification', 'mfa_failed', 'high'],
  ['Sem acesso a esta entidade', 'entity_not_granted', 'high'],
  ['E-mail ou senha incorretos', 'invalid_credentials', 'high'],
  // Free text, English
  ['Your password is incorrect. Try again or reset it.', 'invalid_credentials', 'high', 'password is incorrect'],
  ['Too many failed sign-in attempts. Try again later.', 'locked', 'high', 'Too many failed sign-in attempts'],
  ['This invitation link has expired', 'invitation_expired', 'high'],
  ['Your account has been disabled by your administrator', 'account_deactivated', 'high', 'account has been disabled'],
  ['The verification code you entered is wrong', 'mfa_failed', 'high', 'verification code'],
  ['Please sign in with SSO', 'sso_required', 'high', 'sign in with SSO'],
  ['You have no access to this company', 'entity_not_granted', 'high'],
  // Free text, French (typographic apostrophes, accents, capitals)
  ['Votre compte a été verrouillé après trop de tentatives', 'locked', 'high', 'compte a été verrouillé'],
  ['Mot de passe incorrect', 'invalid_credentials', 'high', 'Mot de passe incorrect'],
  ['Le lien d’invitation a expiré', 'invitation_expired', 'high', 'lien d’invitation a expiré'],
  ['Utilisateur désactivé', 'account_deactivated', 'high', 'Utilisateur désactivé'],
  ['Code de vérification invalide', 'mfa_failed', 'high', 'Code de vérification'],
  ['Vous n’avez pas d’accès à l’entité demandée', 'entity_not_granted', 'high', 'pas d’accès à l’entité'],
  ['Entité inconnue', 'entity_not_granted', 'low', 'Entité'],
  // Free text, Portuguese
  ['Senha inválida', 'invalid_credentials', 'high', 'Senha inválida'],
  ['Muitas tentativas. Aguarde alguns minutos.', 'locked', 'high', 'Muitas tentativas'],
  ['Sua conta foi desativada', 'account_deactivated', 'high', 'conta foi desativada'],
  ['Código de verificação incorreto', 'mfa_failed', 'high', 'Código de verificação'],
  ['O convite ainda não foi aceito', 'invitation_pending', 'high'],
  // Hints only
  ['Link expired', 'invitation_expired', 'high', 'Link expired'],
  ['Session expired', 'invitation_expired', 'low', 'expired'],
  ['Locked.', 'locked', 'low', 'Locked'],
  ['Utilisateur bloqué', 'locked', 'low', 'bloqué'],
  // Nothing to go on
  ['Something went wrong', 'unknown', 'low'],
  ['Erreur 500', 'unknown', 'low'],
  ['', 'unknown', 'low'],
];

describe('diagnoseSignInMessage', () => {
  it('has a table of at least 30 messages covering every failure code', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    const codes = new Set(TABLE.map(([, code]) => code));
    for (const code of SIGN_IN_FAILURE_CODES) expect(codes.has(code), code).toBe(true);
  });

  it.each(TABLE)('given %j, diagnoses %s with %s confidence', (message, code, confidence, matched) => {
    const diagnosis = diagnoseSignInMessage(message);
    expect(diagnosis.code).toBe(code);
    expect(diagnosis.confidence).toBe(confidence);
    if (matched !== undefined) expect(diagnosis.matched).toBe(matched);
    if (code === 'unknown') expect(diagnosis.matched).toBeUndefined();
    else expect(message).toContain(diagnosis.matched);
  });

  it('recognises every one of our own failure texts in English, French and Portuguese, with high confidence', () => {
    for (const messages of [en, fr, pt]) {
      for (const code of SIGN_IN_FAILURE_CODES) {
        const text = messages.signInFailure[code];
        expect(diagnoseSignInMessage(`Sign-in error: ${text}.`), text).toEqual({ code, confidence: 'high', matched: text });
      }
    }
  });

  it('ignores case and accents on both sides', () => {
    expect(diagnoseSignInMessage('CONTA BLOQUEADA').code).toBe('locked');
    expect(diagnoseSignInMessage('compte desactive').code).toBe('account_deactivated');
    expect(diagnoseSignInMessage('échec de la connexion sso').code).toBe('sso_error');
  });

  it('quotes the match as written, even after characters that fold to two letters', () => {
    expect(diagnoseSignInMessage('Straße 1 — Account locked').matched).toBe('Account locked');
  });
});

describe('foldSignInText', () => {
  it('lower-cases, strips accents, makes apostrophes plain and collapses spaces', () => {
    expect(foldSignInText('  L’Invitation   a EXPIRÉ ')).toBe("l'invitation a expire");
  });
});
