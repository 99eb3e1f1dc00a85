/**
 * Pure parsing of the invite dialog's address field: what a person types or pastes becomes a
 * list of addresses, each one chip.
 *
 * Decisions, made here once:
 * - **Separators** are commas, semicolons, spaces, tabs and new lines, except inside double
 *   quotes (`"Last, First"`) and angle brackets (`<jane@acme.fr>`).
 * - **Names**: `Jane Doe <jane@acme.fr>` and `"Doe, Jane" <jane@acme.fr>` give `jane@acme.fr`
 *   named `Jane Doe` / `Doe, Jane`. A quoted name before a bare address (`"Jane" jane@acme.fr`)
 *   names it too. Unquoted words without `@` that no `<address>` follows are not an address: the
 *   run of them up to the next comma, semicolon or new line becomes one invalid entry
 *   (`Jane Doe, ...` → one invalid `Jane Doe`, not two), so the person sees what they pasted.
 * - **Clean-up**: surrounding spaces, a `mailto:` prefix and trailing dots (`jane@acme.fr.` at
 *   the end of a sentence) are removed.
 * - **Duplicates** are found case-insensitively: the first occurrence stays, later ones are
 *   `duplicate`. An invalid entry is `invalid`, never `duplicate`.
 * - **Names** split into first and last name at the first space (`Maria da Silva` → Maria /
 *   da Silva), or at the comma of `Last, First`; one word is a first name.
 * - **Internationalised domains are accepted**: `ana@exämple.com` is sent as
 *   `ana@xn--exmple-cua.com` (the ASCII form every mail system routes) while the chip shows what
 *   was typed. An internationalised local part (`josé@acme.fr`) is rejected as invalid, since the
 *   backends' address rule (`isValidEmail`) accepts ASCII local parts only.
 */
import { isValidEmail } from '../../contract/schemas';
import { emailKey, screenInvitees } from '../../core';

/** One address found in the text. */
export interface ParsedAddress {
  /** The text the address came from, trimmed (`Jane Doe <jane@acme.fr>`): what goes back into the input for correction. */
  text: string;
  /** The display name, unquoted (`Jane Doe`), or `null`. */
  name: string | null;
  /** The address as written, without name, brackets, `mailto:` or trailing dots (`Jane@Acme.fr`). */
  address: string;
  /** The address to send: lower-cased, with an internationalised domain in its ASCII form. */
  email: string;
  /** Whether {@link ParsedAddress.email} is a valid address. */
  valid: boolean;
}

/** What a chip shows about its address before anything is sent. */
export type AddressStatus = 'valid' | 'invalid' | 'duplicate';

type Token =
  | { kind: 'word' | 'quoted' | 'angle'; start: number; end: number; value: string }
  | { kind: 'hard' };

// Character codes, compared directly: a regular expression per character made a 10,000-address
// paste several times slower.
const isSoft = (code: number) => code === 32 || code === 9 || code === 0xa0; // space, tab, no-break space
const isHard = (code: number) => code === 44 || code === 59 || code === 13 || code === 10; // , ; \r \n
const QUOTE = 34;
const ANGLE = 60;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    if (isSoft(code)) { i++; continue; }
    if (isHard(code)) { tokens.push({ kind: 'hard' }); i++; continue; }
    const c = input[i]!;
    const start = i;
    if (c === '"') {
      let value = '';
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        value += input[i];
        i++;
      }
      i = Math.min(i + 1, input.length); // past the closing quote, if any
      tokens.push({ kind: 'quoted', start, end: i, value });
      continue;
    }
    if (c === '<') {
      const close = input.indexOf('>', i + 1);
      const end = close === -1 ? input.length : close + 1;
      tokens.push({ kind: 'angle', start, end, value: input.slice(i + 1, close === -1 ? input.length : close) });
      i = end;
      continue;
    }
    for (let code = input.charCodeAt(i); i < input.length && !isSoft(code) && !isHard(code) && code !== QUOTE && code !== ANGLE; code = input.charCodeAt(++i));
    tokens.push({ kind: 'word', start, end: i, value: input.slice(start, i) });
  }
  return tokens;
}

/**
 * Cleans an address up for sending: trimmed, without `mailto:` and trailing dots, lower-cased,
 * an internationalised domain turned into its ASCII (punycode) form.
 * @example
 * normalizeEmail(' Jane@Acme.FR. '); // 'jane@acme.fr'
 * normalizeEmail('ana@exämple.com'); // 'ana@xn--exmple-cua.com'
 */
export function normalizeEmail(address: string): string {
  const email = cleanAddress(address).toLowerCase();
  const at = email.lastIndexOf('@');
  if (at === -1) return email;
  const domain = email.slice(at + 1);
  // Plain ASCII (no code unit above 0x7f): nothing to convert.
  if (!/[\u0080-\uffff]/.test(domain)) return email;
  try {
    return `${email.slice(0, at)}@${new URL(`http://${domain}`).hostname}`;
  } catch {
    return email;
  }
}

function cleanAddress(address: string): string {
  return address.trim().replace(/^mailto:/i, '').replace(/\.+$/, '').trim();
}

function entry(text: string, name: string | null, address: string): ParsedAddress {
  const cleaned = cleanAddress(address);
  const email = normalizeEmail(cleaned);
  return { text: text.trim(), name: name && name.trim() ? name.trim() : null, address: cleaned, email, valid: email !== '' && isValidEmail(email) };
}

/**
 * Every address in a typed or pasted text, in order (see the module notes for the rules).
 * @example
 * parseEmails('Jane Doe <jane@acme.fr>; "Roe, Rick" <rick@acme.fr>, bob@acme.fr');
 * // [{ name: 'Jane Doe', email: 'jane@acme.fr', ... }, { name: 'Roe, Rick', ... }, { name: null, email: 'bob@acme.fr', ... }]
 */
export function parseEmails(input: string): ParsedAddress[] {
  const tokens = tokenize(input);
  const result: ParsedAddress[] = [];
  let pending: Extract<Token, { start: number }>[] = [];
  const slice = (from: Extract<Token, { start: number }>, to: Extract<Token, { start: number }>) => input.slice(from.start, to.end);
  const nameOf = (parts: Extract<Token, { start: number }>[]) => parts.map((p) => p.value.trim()).filter(Boolean).join(' ');
  const flush = () => {
    if (pending.length > 0) {
      const text = slice(pending[0]!, pending.at(-1)!);
      result.push(entry(text, null, text));
    }
    pending = [];
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'hard') { flush(); continue; }
    if (token.kind === 'angle') {
      const first = pending[0] ?? token;
      result.push(entry(slice(first, token), nameOf(pending), token.value));
      pending = [];
      continue;
    }
    if (token.kind === 'quoted') { pending.push(token); continue; }
    const next = tokens[i + 1];
    if (next?.kind === 'angle' || !token.value.includes('@')) { pending.push(token); continue; }
    // A bare address: quoted strings right before it are its name; other words are not.
    if (pending.length > 0 && pending.every((p) => p.kind === 'quoted')) {
      result.push(entry(slice(pending[0]!, token), nameOf(pending), token.value));
      pending = [];
      continue;
    }
    flush();
    result.push(entry(token.value, null, token.value));
  }
  flush();
  return result;
}

/**
 * Where the next slice of a long text may end: the first comma, semicolon or line break at or after
 * `from + size` that is outside quotes and angle brackets (so the slices parse as the whole text
 * does), or the end of the text.
 */
function sliceEnd(input: string, from: number, size: number): number {
  let quoted = false;
  let angle = false;
  for (let i = from; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (quoted) {
      if (code === 92) i++; // backslash escapes the next character
      else if (code === QUOTE) quoted = false;
    } else if (angle) {
      if (code === 62) angle = false; // >
    } else if (code === QUOTE) quoted = true;
    else if (code === ANGLE) angle = true;
    else if (i >= from + size && isHard(code)) return i + 1;
  }
  return input.length;
}

/** Options of {@link parseEmailsInSlices}. */
export interface ParseInSlicesOptions {
  /** Stop once this many addresses are found: the rest of the text comes back as `rest`. Defaults to no limit. */
  limit?: number;
  /** About how many characters one slice parses before yielding (about 700 addresses). Defaults to 20,000. */
  sliceChars?: number;
  /** How to let the page breathe between slices. Defaults to `scheduler.yield()` where it exists, else a `setTimeout(0)`. */
  yieldToPage?: () => Promise<void>;
  /** Stops parsing (the promise rejects with an `AbortError`). */
  signal?: AbortSignal;
}

/** The addresses found by {@link parseEmailsInSlices}, and the text past its limit. */
export interface ParsedInSlices {
  addresses: ParsedAddress[];
  /** The addresses beyond `limit`, as text again (separated by `, `: it may go back into a one-line input). `''` when none. */
  rest: string;
}

const defaultYield = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * {@link parseEmails} for a long paste (10,000 addresses) without blocking the page: the text is
 * parsed in slices cut at separators, yielding to the event loop between them, so each slice takes
 * a few milliseconds (see `test/bench/paste.bench.ts`). With `limit`, parsing stops once that many
 * addresses are found and the remaining text comes back as `rest`, nothing lost.
 * @example
 * const { addresses, rest } = await parseEmailsInSlices(pasted, { limit: MAX_INVITE_ADDRESSES });
 */
export async function parseEmailsInSlices(input: string, options: ParseInSlicesOptions = {}): Promise<ParsedInSlices> {
  const { limit = Infinity, sliceChars = 20_000, yieldToPage = defaultYield, signal } = options;
  const addresses: ParsedAddress[] = [];
  let from = 0;
  while (from < input.length) {
    signal?.throwIfAborted();
    const end = sliceEnd(input, from, sliceChars);
    const found = parseEmails(input.slice(from, end));
    from = end;
    if (addresses.length + found.length > limit) {
      const room = Math.max(0, limit - addresses.length);
      addresses.push(...found.slice(0, room));
      return { addresses, rest: restText(found.slice(room), input.slice(from)) };
    }
    addresses.push(...found);
    if (from < input.length) await yieldToPage();
  }
  return { addresses, rest: '' };
}

/**
 * Addresses past a limit, and any text not parsed yet, as one line of text that parses back into
 * the same addresses (line breaks become `, `, which separate the same way).
 * @example
 * restText(parseEmails('a@acme.fr'), '\nb@acme.fr'); // 'a@acme.fr, b@acme.fr'
 */
export function restText(excess: readonly Pick<ParsedAddress, 'text'>[], unparsed = ''): string {
  const tail = unparsed.replace(/[\r\n]+/g, ', ').replace(/^[\s,;]+|[\s,;]+$/g, '');
  return [...excess.map((a) => a.text), ...(tail ? [tail] : [])].join(', ');
}

/**
 * The status of each address of a list, in order: `invalid`, `duplicate` (the same address,
 * ignoring case, appears earlier) or `valid`. The classification and its order are the core's
 * (`screenInvitees`, steps `invalid` then `duplicate` of `INVITE_SKIP_ORDER`), run on the
 * addresses as normalized here (trailing dots, IDN domains in punycode), so a chip says what the
 * backend will answer. SSO is not screened here: under enforced SSO nothing is invited at all.
 * @example
 * classifyAddresses(parseEmails('a@acme.fr, A@acme.fr, nope')); // ['valid', 'duplicate', 'invalid']
 */
export function classifyAddresses(list: readonly Pick<ParsedAddress, 'email' | 'valid'>[]): AddressStatus[] {
  // An entry the parser found invalid stays invalid ('' is never an address).
  const emails = list.map((item) => (item.valid ? item.email : ''));
  const { candidates, skipped } = screenInvitees(emails, { ssoEnforced: false });
  // The core answers in the order given: each address is either the next candidate (unique, so a
  // later duplicate never matches it) or the next skipped one.
  let candidate = 0;
  let skip = 0;
  return emails.map((email): AddressStatus => {
    if (candidates[candidate] !== undefined && candidates[candidate] === emailKey(email)) {
      candidate += 1;
      return 'valid';
    }
    const reason = skipped[skip]?.reason;
    skip += 1;
    return reason === 'duplicate' ? 'duplicate' : 'invalid';
  });
}

/**
 * Whether the text ends inside an open double quote or angle bracket, where a comma or a space
 * belongs to the name or address being typed rather than separating addresses.
 * @example
 * hasOpenGroup('"Doe, Jane'); // true
 * hasOpenGroup('"Doe, Jane" <jane@acme.fr>'); // false
 */
export function hasOpenGroup(text: string): boolean {
  let quoted = false;
  let angle = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (angle) {
      if (c === '>') angle = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle = true;
  }
  return quoted || angle;
}

/**
 * Which key commits the text typed so far into chips: Enter, comma and semicolon do unless the
 * text is inside an open quote or bracket; a space does only once the text holds an address (so
 * `Jane Doe <jane@acme.fr>` can be typed).
 * @example
 * commitsOnKey(',', 'jane@acme.fr'); // true
 * commitsOnKey(' ', 'Jane'); // false
 */
export function commitsOnKey(key: string, text: string): boolean {
  if (text.trim() === '') return false;
  if (key === 'Enter') return true;
  if (hasOpenGroup(text)) return false;
  if (key === ',' || key === ';') return true;
  if (key === ' ') return text.includes('@');
  return false;
}

/**
 * A display name as first and last name: `Last, First` splits at the comma, `First Last` at the
 * first space (so `Maria da Silva` is Maria / da Silva); one word is a first name.
 * @example
 * splitDisplayName('Doe, Jane'); // { firstName: 'Jane', lastName: 'Doe' }
 * splitDisplayName('Maria da Silva'); // { firstName: 'Maria', lastName: 'da Silva' }
 */
export function splitDisplayName(name: string): { firstName: string; lastName: string } {
  const clean = name.trim().replace(/\s+/g, ' ');
  const comma = clean.indexOf(',');
  if (comma !== -1) return { firstName: clean.slice(comma + 1).trim(), lastName: clean.slice(0, comma).trim() };
  const space = clean.indexOf(' ');
  if (space === -1) return { firstName: clean, lastName: '' };
  return { firstName: clean.slice(0, space), lastName: clean.slice(space + 1) };
}
