import type { UserAdminT } from '../i18n';
import type { SignInDiagnosisCode } from './guidance';

/** What {@link buildSupportDetails} puts in the text for support. */
export interface SupportDetailsInput {
  /** The library's `t`, for the labels. */
  t: UserAdminT;
  /** The locale of the labels, written as a line so support knows which language the person saw. */
  locale: string;
  /** The probable failure. */
  code: SignInDiagnosisCode;
  /** The exact error message, copied verbatim. Defaults to none (a "no message pasted" line). */
  message?: string | null;
  /** When it happened: an ISO string is copied as is; a timestamp or `Date` becomes ISO 8601 UTC. */
  occurredAt: string | number | Date;
  /** The user's email. Defaults to none (no line). */
  email?: string | null;
  /** The request id of the failed attempt, when known. Defaults to none (no line). */
  requestId?: string | null;
  /** The address the attempt came from, when known. Defaults to none (no line). */
  ip?: string | null;
  /** The browser of the attempt, when known. Defaults to none (no line). */
  userAgent?: string | null;
}

function toIso(value: string | number | Date): string {
  if (typeof value === 'string') return value;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/**
 * The plain text an administrator sends to support about a failed sign-in: translated labels,
 * but the raw message, the ISO date and the ids verbatim (support searches logs with them).
 *
 * @example
 * buildSupportDetails({
 *   t, locale: 'en', code: 'sso_error', message: 'AADSTS50105: ...', occurredAt: '2026-01-14T10:00:00.000Z',
 *   email: 'ana@acme.fr', requestId: 'req_5fd9c9a1',
 * });
 * // Sign-in problem: details for support
 * // Probable cause: SSO sign-in failed (sso_error)
 * // When: 2026-01-14T10:00:00.000Z
 * // User: ana@acme.fr
 * // Request ID: req_5fd9c9a1
 * // Language: en
 * // Message: AADSTS50105: ...
 */
export function buildSupportDetails(input: SupportDetailsInput): string {
  const { t, code } = input;
  const message = input.message?.trim() ? input.message.trim() : t('signInGuide.details.noMessage');
  const cause = code === 'unknown' ? t('signInGuide.diagnosis.unknownCause') : t(`signInFailure.${code}`);
  const lines: [string, string][] = [
    [t('signInGuide.details.cause'), `${cause} (${code})`],
    [t('signInGuide.details.occurredAt'), toIso(input.occurredAt)],
  ];
  if (input.email) lines.push([t('signInGuide.details.email'), input.email]);
  if (input.requestId) lines.push([t('signInGuide.details.requestId'), input.requestId]);
  if (input.ip) lines.push([t('signInGuide.details.ip'), input.ip]);
  if (input.userAgent) lines.push([t('signInGuide.details.userAgent'), input.userAgent]);
  lines.push([t('signInGuide.details.language'), input.locale]);
  // The message comes last and verbatim: on the label's line when it is one line, under it otherwise.
  const messageLine = /\r?\n/.test(message) ? `${t('signInGuide.details.message')}:\n${message}` : `${t('signInGuide.details.message')}: ${message}`;
  const body = [...lines.map(([label, value]) => `${label}: ${value}`), messageLine];
  return [t('signInGuide.details.heading'), ...body].join('\n');
}
