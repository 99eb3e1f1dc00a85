/**
 * Finds text a person would read that is written in a component instead of coming from the
 * locale files: JSX text children with letters, and string-literal props such as
 * `aria-label="Close"`. A small JSX-aware lexer (strings, templates, comments, regexes, nested
 * expressions), so it needs no parser package and TypeScript 7 has no JS API to lean on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One literal text found in a component. */
export interface LiteralEnglishFinding {
  file: string;
  /** 1-based. */
  line: number;
  kind: 'text' | 'prop';
  /** The prop's name, for `kind: 'prop'`. */
  prop?: string;
  text: string;
}

/** Options of {@link scanLiteralEnglish}. */
export interface ScanLiteralEnglishOptions {
  /** Props whose string value people read. Defaults to {@link READABLE_PROPS}. */
  props?: readonly string[];
}

/** Props whose value is read by people (or screen readers). */
export const READABLE_PROPS = ['aria-label', 'title', 'placeholder', 'alt', 'label'] as const;

/** Words after which `<` opens JSX and `/` opens a regex, not a comparison or a division. */
const EXPRESSION_KEYWORDS = new Set([
  'return', 'yield', 'await', 'default', 'case', 'in', 'of', 'typeof', 'void', 'delete', 'new', 'throw', 'else', 'do',
]);

const LETTER = /\p{L}/u;
const ENTITY = /&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/g;
const IDENT = /[\w$]/;

/**
 * Scans one TSX source for literal English and returns where it is.
 * @example
 * scanLiteralEnglish('const A = () => <button aria-label="Close">x</button>;', 'A.tsx');
 * // [{ file: 'A.tsx', line: 1, kind: 'prop', prop: 'aria-label', text: 'Close' }]
 */
export function scanLiteralEnglish(source: string, file = '<source>', options: ScanLiteralEnglishOptions = {}): LiteralEnglishFinding[] {
  const props = new Set<string>(options.props ?? READABLE_PROPS);
  const findings: LiteralEnglishFinding[] = [];
  const lineStarts = [0];
  for (let k = 0; k < source.length; k++) if (source[k] === '\n') lineStarts.push(k + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let i = 0;
  const at = (k = 0) => source[i + k] ?? '';

  const skipString = (quote: string) => {
    i++;
    while (i < source.length && at() !== quote) {
      if (at() === '\\') i++;
      if (at() === '\n' && quote !== '`') break;
      i++;
    }
    i++;
  };
  const skipTemplate = () => {
    i++;
    while (i < source.length && at() !== '`') {
      if (at() === '\\') i += 2;
      else if (at() === '$' && at(1) === '{') {
        i += 2;
        scanJs(true);
        i++;
      } else i++;
    }
    i++;
  };
  const skipRegex = () => {
    i++;
    let inClass = false;
    while (i < source.length && at() !== '\n') {
      const c = at();
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      i++;
    }
    i++;
    while (IDENT.test(at())) i++;
  };
  const skipComment = (): boolean => {
    if (at() === '/' && at(1) === '/') {
      while (i < source.length && at() !== '\n') i++;
      return true;
    }
    if (at() === '/' && at(1) === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
      return true;
    }
    return false;
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(at())) i++;
  };

  /** JavaScript until an unmatched `}` (left unconsumed) when `inBraces`, else to the end. */
  function scanJs(inBraces: boolean): void {
    let depth = 0;
    // Whether an operand may start here: then `<` opens JSX and `/` a regex.
    let expectOperand = true;
    while (i < source.length) {
      const c = at();
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (skipComment()) continue;
      if (c === '"' || c === "'") {
        skipString(c);
        expectOperand = false;
      } else if (c === '`') {
        skipTemplate();
        expectOperand = false;
      } else if (c === '/' ) {
        if (expectOperand) {
          skipRegex();
          expectOperand = false;
        } else {
          i++;
          expectOperand = true;
        }
      } else if (c === '<' && expectOperand && /[A-Za-z>]/.test(at(1))) {
        scanJsxElement();
        expectOperand = false;
      } else if (IDENT.test(c)) {
        const start = i;
        while (IDENT.test(at())) i++;
        expectOperand = EXPRESSION_KEYWORDS.has(source.slice(start, i));
      } else if (c === '{') {
        depth++;
        i++;
        expectOperand = true;
      } else if (c === '}') {
        if (depth === 0 && inBraces) return;
        depth--;
        i++;
        expectOperand = true;
      } else {
        i++;
        expectOperand = c !== ')' && c !== ']';
      }
    }
  }

  /** An expression container `{...}` at `i`, consumed whole. */
  function scanContainer(onLiteral?: (text: string, offset: number) => void): void {
    i++;
    skipSpace();
    const q = at();
    if (onLiteral && (q === '"' || q === "'" || q === '`')) {
      // A lone literal: {'Close'} or {`Close`}. A template with ${} is an expression, scanned below.
      const start = i;
      i++;
      while (i < source.length && at() !== q && !(q === '`' && at() === '$' && at(1) === '{')) i += at() === '\\' ? 2 : 1;
      const closed = at() === q;
      const body = source.slice(start + 1, i);
      i++;
      skipSpace();
      if (closed && at() === '}') onLiteral(body, start);
      i = start;
    }
    scanJs(true);
    i++;
  }

  function report(kind: 'text' | 'prop', text: string, offset: number, prop?: string) {
    const readable = text.replace(ENTITY, ' ');
    if (!LETTER.test(readable)) return;
    findings.push({ file, line: lineAt(offset), kind, ...(prop ? { prop } : {}), text: text.trim().replace(/\s+/g, ' ') });
  }

  /** A JSX element or fragment at `<`, consumed whole. */
  function scanJsxElement(): void {
    i++;
    if (at() === '>') {
      i++;
      scanJsxChildren();
      return;
    }
    while (/[\w$.:-]/.test(at())) i++;
    while (i < source.length) {
      skipSpace();
      if (skipComment()) continue;
      const c = at();
      if (c === '/' && at(1) === '>') {
        i += 2;
        return;
      }
      if (c === '>') {
        i++;
        scanJsxChildren();
        return;
      }
      if (c === '{') {
        scanContainer();
        continue;
      }
      if (c === '<') {
        // Type arguments of a generic component: <Select<Role> ...>.
        let depthAngle = 0;
        do {
          if (at() === '<') depthAngle++;
          else if (at() === '>') depthAngle--;
          i++;
        } while (i < source.length && depthAngle > 0);
        continue;
      }
      const nameStart = i;
      while (/[\w$:-]/.test(at())) i++;
      const name = source.slice(nameStart, i);
      if (!name) {
        i++;
        continue;
      }
      skipSpace();
      if (at() !== '=') continue;
      i++;
      skipSpace();
      const v = at();
      if (v === '"' || v === "'") {
        const start = i;
        skipString(v);
        if (props.has(name)) report('prop', source.slice(start + 1, i - 1), start, name);
      } else if (v === '{') {
        scanContainer(props.has(name) ? (text, offset) => report('prop', text, offset, name) : undefined);
      } else if (v === '<') {
        scanJsxElement();
      }
    }
  }

  /** Children up to and including the closing tag. */
  function scanJsxChildren(): void {
    while (i < source.length) {
      const c = at();
      if (c === '<') {
        if (at(1) === '/') {
          const end = source.indexOf('>', i);
          i = end === -1 ? source.length : end + 1;
          return;
        }
        scanJsxElement();
      } else if (c === '{') {
        scanContainer((text, offset) => report('text', text, offset));
      } else {
        const start = i;
        while (i < source.length && at() !== '<' && at() !== '{') i++;
        const text = source.slice(start, i);
        const lead = text.search(/\S/);
        if (lead !== -1) report('text', text, start + lead);
      }
    }
  }

  scanJs(false);
  return findings;
}

/**
 * The component sources under `dir`: `*.tsx`, without tests and stories.
 * @example
 * listComponentFiles('src'); // ['src/users/UserList.tsx', ...]
 */
export function listComponentFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith('.tsx') && !/\.(test|spec|stories|test-d)\.tsx$/.test(f))
    .sort();
}

/**
 * Scans every component file under `dir` and returns findings with paths relative to `cwd`.
 * @example
 * scanDirectory('src').map((f) => `${f.file}:${f.line}`);
 */
export function scanDirectory(dir: string, cwd = process.cwd(), options?: ScanLiteralEnglishOptions): LiteralEnglishFinding[] {
  return listComponentFiles(dir).flatMap((f) => scanLiteralEnglish(readFileSync(f, 'utf8'), relative(cwd, f), options));
}
