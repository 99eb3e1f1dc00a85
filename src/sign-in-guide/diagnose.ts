import type { SignInFailureCode } from '../contract/types';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import pt from '../i18n/locales/pt.json';
import { SIGN_IN_FAILURE_CODES, type SignInDiagnosisCode } from './guidance';

/** What {@link diagnoseSignInMessage} concludes from a pasted message. */
export interface SignInMessageDiagnosis {
  /** The probable failure, or `unknown`. */
  code: SignInDiagnosisCode;
  /**
   * `high` when the message holds one of our own failure texts, an identity provider's error code,
   * or an unambiguous phrase; `low` when it only hints (a lone "expired", "locked") or is unknown.
   */
  confidence: 'high' | 'low';
  /** The part of the message that decided, as it was written. Absent for `unknown`. */
  matched?: string;
}

interface Rule {
  code: SignInFailureCode;
  pattern: RegExp;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Folds one code point: lower case, no accents, typographic apostrophes and dashes made plain. */
function foldChar(char: string): string {
  if (/\s/u.test(char)) return ' ';
  if (char === '\u2019' || char === '\u2018' || char === '\u02bc' || char === '`') return "'";
  if (/[\u2010-\u2015\u2212]/u.test(char)) return '-';
  return char
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ß/g, 'ss');
}

/**
 * The message folded for matching (case, accents, apostrophes, dashes, runs of spaces), with, for
 * each folded character, the index in the original it came from, so a match can be quoted as written.
 */
function fold(message: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of message) {
    const folded = foldChar(char);
    for (const out of folded) {
      if (out === ' ' && (text.length === 0 || text.endsWith(' '))) continue;
      text += out;
      origin.push(index);
    }
    index += char.length;
  }
  return { text, origin };
}

/**
 * Folds text the way the classifier does: lower case, without accents, plain apostrophes and
 * dashes, single spaces.
 * @example
 * foldSignInText('Compte  désactivé'); // 'compte desactive'
 */
export function foldSignInText(text: string): string {
  return fold(text).text.trim();
}

/** Our own failure texts (`signInFailure.*`) in every shipped language. */
const OWN_TEXT_RULES: Rule[] = SIGN_IN_FAILURE_CODES.flatMap((code) =>
  [en, fr, pt].map((messages) => ({
    code,
    pattern: new RegExp(escapeRegExp(foldSignInText(messages.signInFailure[code]))),
  })),
);

const rule = (code: SignInFailureCode, pattern: RegExp): Rule => ({ code, pattern });

/** Error codes of identity providers (Microsoft Entra `AADSTS…`, Okta `E0000…`): the most specific evidence. */
const PROVIDER_CODE_RULES: Rule[] = [
  rule('invalid_credentials', /\baadsts(50126|50055|50034|50056)\b/),
  rule('account_deactivated', /\baadsts50057\b/),
  rule('locked', /\baadsts50053\b/),
  rule('mfa_failed', /\baadsts(50074|50076|50079|500121|50158)\b/),
  // The app is unknown to the tenant, the user is not assigned to it, or the federation is misconfigured:
  // all fixed in the identity provider, so sso_error rather than entity_not_granted.
  rule('sso_error', /\baadsts(700016|50105|50011|50020|90072|7000215|50107|75011|75005|50008|50012|53003|50000)\b/),
  rule('invalid_credentials', /\be0000(004|207|064)\b/),
  rule('locked', /\be0000(069|119)\b/),
  rule('mfa_failed', /\be0000(068|079)\b/),
  rule('sso_error', /\be0000(006|022|015)\b/),
];

/** Unambiguous phrases in English, French and Portuguese, and SAML/OIDC vocabulary. */
const PHRASE_RULES: Rule[] = [
  // SAML and OAuth/OIDC protocol failures.
  rule('sso_error', /saml ?response|saml assertion|saml request|inresponseto|clock skew|notbefore|notonorafter/),
  rule('sso_error', /(invalid|bad) signature|signature (validation|verification|check|is invalid|invalid|mismatch|failed|not valid)/),
  rule('sso_error', /audience (restriction|mismatch|is invalid|invalid)|invalid audience|invalid_client|unauthorized_client|redirect_uri|reply url/),
  rule('sso_error', /(sso|single sign-on) (sign-?in |login |authentication )?(failed|failure|error)|echec de (la )?connexion sso|erreur (de |du )?sso|echec de l'authentification unique|falha (no|na|do|da) (login|autenticacao|entrada) (via |por )?sso|erro (de|no|do) sso/),
  // Password or identifier.
  rule('invalid_credentials', /(wrong|incorrect|invalid|bad) (password|credentials)|invalid_credentials|invalid login/),
  rule('invalid_credentials', /(wrong|incorrect|invalid|bad|unknown) (email|e-mail|username|user name|login|user id)( address)? (or|and|\/) password/),
  rule('invalid_credentials', /password (is |was |has )?(incorrect|wrong|invalid|expired|not valid)|(email|username) or password (is |are )?(incorrect|wrong|invalid)/),
  rule('invalid_credentials', /mot de passe (est )?(incorrect|errone|invalide|expire)|identifiants? (incorrects?|invalides?|errones?)|(e-?mail|adresse e-?mail|identifiant|nom d'utilisateur) ou (le )?mot de passe/),
  rule('invalid_credentials', /senha (esta )?(incorreta|invalida|errada|expirada|expirou)|credenciais (invalidas|incorretas)|(e-?mail|usuario|login) ou senha/),
  // Locked (before "deactivated": "account temporarily disabled after too many attempts" is a lock).
  rule('locked', /too many (failed |unsuccessful |incorrect |invalid )?(sign-?in |login |log-?in |password )?(attempts|tries)|locked out|(account|user)( account)? (is |has been |was |temporarily )*(locked|blocked)|temporarily (locked|blocked)/),
  rule('locked', /compte (a ete |est )?(temporairement )?(verrouille|bloque)|trop de tentatives|nombre (maximal|maximum) de tentatives/),
  rule('locked', /conta (foi |esta )?(temporariamente )?bloquead|muitas tentativas|excesso de tentativas|(numero|limite) (maximo )?de tentativas/),
  // Deactivated.
  rule('account_deactivated', /(account|user|profile)( account)? (is |has been |was )?(deactivated|disabled|inactive|suspended)|(deactivated|disabled|inactive|suspended) (account|user)/),
  rule('account_deactivated', /(compte|utilisateur) (a ete |est )?(desactive|suspendu|inactif)/),
  rule('account_deactivated', /(conta|usuario) (foi |esta )?(desativad|desabilitad|suspens|inativ)/),
  // Invitations.
  rule('invitation_expired', /invitation (link )?(has |is )?(expired|no longer valid)|expired invitation|(invitation|activation|sign-?up|registration) link (has |is )?expired|link (has )?expired/),
  rule('invitation_expired', /invitation (a |est )?expiree|lien (d'invitation |d'activation )?(a |est )?expire|invitation (n'est plus|plus) valide/),
  rule('invitation_expired', /convite (foi |esta )?expirad|convite expirou|link (do convite |de ativacao )?(expirou|expirado|esta expirado)/),
  rule('invitation_pending', /invitation (is )?(still )?pending|pending invitation|(has|have) not (yet )?accepted|invitation not (yet )?accepted|account (is )?not (yet )?activated|activate your account/),
  rule('invitation_pending', /invitation (pas encore|non) acceptee|invitation en attente|compte (pas encore|non) active/),
  rule('invitation_pending', /convite (ainda nao|nao) (foi )?aceit|convite pendente|conta (ainda nao|nao) (foi )?ativad/),
  // SSO required.
  rule('sso_required', /(sign|log)[- ]?in (with|using|through|via) (sso|single sign-on)|(sso|single sign-on) (is )?(required|enforced|mandatory)|password (sign-?in|login|authentication) is (disabled|not allowed)|use (your )?(sso|single sign-on)/),
  rule('sso_required', /(connexion|authentification) (sso|unique) (est )?obligatoire|sso obligatoire|utilisez (l'authentification unique|le sso|la connexion sso)/),
  rule('sso_required', /(login|acesso|entrada) (via |por |com )?sso (e )?obrigatori|sso obrigatori|login unico (e )?obrigatori|use o (sso|login unico)/),
  // Second factor.
  rule('mfa_failed', /\bmfa\b|multi-?factor|two-?factor|\b2fa\b|second (verification )?step|(verification|one-?time|security|authenticator|sms) code|\b(t)?otp\b|strong authentication|authenticator app/),
  rule('mfa_failed', /double authentification|authentification (a deux facteurs|multifacteur|forte)|code de (verification|securite|validation)|deuxieme etape/),
  rule('mfa_failed', /verificacao em (duas|2) etapas|autenticacao (em dois fatores|de dois fatores|multifator)|codigo de (verificacao|seguranca)|segunda etapa/),
  // Entity access.
  rule('entity_not_granted', /no access to (this|the) (entity|company|organisation|organization|account|site)|not (authorized|authorised|allowed|permitted) (for|to access|on) (this|the) (entity|company)|entity (access )?(not granted|denied)/),
  rule('entity_not_granted', /(aucun |pas d')acces a (cette |l')entite|acces (a cette entite|a l'entite) (refuse|non accorde)/),
  rule('entity_not_granted', /(sem|nao tem) acesso a (esta|essa|a) entidade|acesso a entidade (negado|nao concedido)/),
];

/** Hints: a single word that points somewhere, with low confidence. */
const HINT_RULES: Rule[] = [
  rule('sso_error', /\baadsts\d+|\be0000\d{3}\b|invalid_grant|access_denied|invalid_request|\bsaml\b|\boidc\b|openid|\bidp\b|identity provider|fournisseur d'identite|provedor de identidade|certificat|signature|assinatura/),
  rule('locked', /\b(locked|blocked|verrouille|bloque|bloquead)/),
  rule('account_deactivated', /\b(deactivated|disabled|inactive|suspended|desactive|desativad|desabilitad|suspens)/),
  rule('invitation_expired', /\bexpir/),
  rule('invalid_credentials', /\b(password|mot de passe|senha|credentials|identifiants|credenciais)\b/),
  rule('invitation_pending', /\b(invitation|convite)\b/),
  rule('entity_not_granted', /\b(entity|entite|entidade)\b/),
  rule('sso_error', /\bsso\b|single sign-on/),
];

function firstMatch(rules: Rule[], text: string): { code: SignInFailureCode; start: number; end: number } | null {
  for (const { code, pattern } of rules) {
    const match = pattern.exec(text);
    if (!match) continue;
    // Prefixes ("desativad", "expir") quote the whole word.
    let end = match.index + match[0].length;
    if (/[a-z0-9]$/.test(match[0])) while (end < text.length && /[a-z0-9]/.test(text[end]!)) end++;
    return { code, start: match.index, end };
  }
  return null;
}

/**
 * Reads a sign-in error message an administrator pasted and names the probable failure. It
 * recognises our own failure texts (`signInFailure.*`) in English, French and Portuguese, Microsoft
 * Entra (`AADSTS50126`...) and Okta (`E0000004`...) error codes, SAML and OAuth vocabulary
 * (`InResponseTo`, clock skew, `invalid_grant`...), and common phrases in the three languages,
 * ignoring case and accents. A lone hint ("expired", "locked") gives `confidence: 'low'`.
 *
 * @example
 * diagnoseSignInMessage('AADSTS50057: The user account is disabled.');
 * // { code: 'account_deactivated', confidence: 'high', matched: 'AADSTS50057' }
 * diagnoseSignInMessage('Conta bloqueada');
 * // { code: 'locked', confidence: 'high', matched: 'Conta bloqueada' }
 * diagnoseSignInMessage('Oops'); // { code: 'unknown', confidence: 'low' }
 */
export function diagnoseSignInMessage(message: string): SignInMessageDiagnosis {
  const { text, origin } = fold(message);
  const quote = (start: number, end: number) => {
    const from = origin[start]!;
    const last = origin[end - 1]!;
    // The last folded character may come from a surrogate pair.
    const to = last + (message.codePointAt(last)! > 0xffff ? 2 : 1);
    return message.slice(from, to).trim();
  };
  const high = firstMatch(PROVIDER_CODE_RULES, text) ?? firstMatch(OWN_TEXT_RULES, text) ?? firstMatch(PHRASE_RULES, text);
  if (high) return { code: high.code, confidence: 'high', matched: quote(high.start, high.end) };
  const hint = firstMatch(HINT_RULES, text);
  if (hint) return { code: hint.code, confidence: 'low', matched: quote(hint.start, hint.end) };
  return { code: 'unknown', confidence: 'low' };
}
