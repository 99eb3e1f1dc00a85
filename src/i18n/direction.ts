/** The reading direction of a locale's text. */
export type TextDirection = 'ltr' | 'rtl';

/**
 * Languages written right to left, for engines without `Intl.Locale#getTextInfo()` (Firefox):
 * Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Kurdish (Sorani), Uyghur, Yiddish, Dhivehi,
 * Syriac, N'Ko, Adlam (ff-Adlm is caught by its script), Rohingya, Balochi, Kashmiri, Mazanderani,
 * Northern Luri, Western Punjabi, South Azerbaijani, Southern Kurdish, Gilaki (Kurdish in Arabic
 * script, ku-Arab, is caught by its script).
 */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'azb', 'bal', 'ckb', 'dv', 'fa', 'glk', 'he', 'iw', 'ks', 'lrc', 'mzn', 'nqo', 'pnb', 'ps', 'rhg', 'sd', 'sdh', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['adlm', 'arab', 'hebr', 'mand', 'nkoo', 'rohg', 'samr', 'syrc', 'thaa', 'yezi']);

interface TextInfoLocale {
  getTextInfo?: () => { direction?: string };
  textInfo?: { direction?: string };
}

/**
 * The direction a locale's text reads in: `Intl.Locale#getTextInfo()` (or the older `textInfo`)
 * where the engine has it, else its script subtag or language in a list of right-to-left ones.
 * An invalid tag reads left to right.
 * @example
 * localeDirection('ar-EG'); // 'rtl'
 * localeDirection('fr'); // 'ltr'
 */
export function localeDirection(locale: string): TextDirection {
  const tag = locale.trim().replace(/_/g, '-');
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(tag);
  } catch {
    return 'ltr';
  }
  const withInfo = parsed as unknown as TextInfoLocale;
  try {
    const info = typeof withInfo.getTextInfo === 'function' ? withInfo.getTextInfo() : withInfo.textInfo;
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  } catch {
    // Fall through to the lists.
  }
  const script = parsed.script?.toLowerCase();
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  const language = parsed.language.toLowerCase();
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
