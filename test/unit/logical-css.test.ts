/**
 * Right-to-left (issue 15): the library's CSS uses logical properties only, so a host's
 * `dir="rtl"` (or a locale that reads right to left) mirrors every screen. This scans every CSS
 * file under src/ and fails on a physical property, a physical value, a shorthand whose left and
 * right differ, or a horizontal transform/offset that has no `[dir='rtl']` counterpart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
const SRC = join(ROOT, 'src');

/**
 * What truly has to stay physical, each with why: `file` (relative to the repo), the rule's
 * `selector` and the `property`. Empty: nothing has to. Add an entry only with a reason a
 * reviewer can check (e.g. a glyph that must not mirror and cannot be drawn otherwise).
 */
const ALLOWED: { file: string; selector: string; property: string; why: string }[] = [];

interface Declaration {
  file: string;
  selector: string;
  property: string;
  value: string;
  line: number;
}

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** The declarations of a stylesheet with their rule's selector (at-rule preludes included, `@keyframes` frames too). */
export function declarations(css: string, file = 'inline.css'): Declaration[] {
  // Comments out, keeping the line count.
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  const out: Declaration[] = [];
  const selectors: string[] = [];
  let buffer = '';
  let bufferStart = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '{') {
      selectors.push(buffer.trim());
      buffer = '';
      bufferStart = i + 1;
    } else if (char === '}' || char === ';') {
      const colon = buffer.indexOf(':');
      if (selectors.length > 0 && colon > 0 && buffer.trim()) {
        const line = text.slice(0, bufferStart + buffer.search(/\S/)).split('\n').length;
        out.push({
          file,
          selector: selectors[selectors.length - 1]!.replace(/\s+/g, ' '),
          property: buffer.slice(0, colon).trim().toLowerCase(),
          value: buffer.slice(colon + 1).trim().toLowerCase(),
          line,
        });
      }
      if (char === '}') selectors.pop();
      buffer = '';
      bufferStart = i + 1;
    } else {
      buffer += char;
    }
  }
  return out;
}

const PHYSICAL_PROPERTY = [
  /^(margin|padding|border|scroll-margin|scroll-padding)-(left|right|top|bottom)(-(width|style|color))?$/,
  /^(left|right|top|bottom)$/,
  /^border-(top|bottom)-(left|right)-radius$/,
  // overflow-x/-y stay: overflow-inline/-block are Firefox-only, and scrolling sideways does not depend on the direction.
];
const PHYSICAL_VALUE: Record<string, RegExp> = {
  float: /^(left|right)$/,
  clear: /^(left|right)$/,
  'text-align': /^(left|right)$/,
  'text-align-last': /^(left|right)$/,
  'justify-self': /^(left|right)$/,
  'justify-items': /^(left|right)$/,
  'justify-content': /^(left|right)$/,
};
/** Four-value box shorthands: top right bottom left; the right and left differing is physical. */
const BOX_SHORTHAND = /^(margin|padding|inset|border-width|border-style|border-color|scroll-margin|scroll-padding)$/;

const splitValues = (value: string) => value.replace(/!important/, '').trim().split(/\s+(?![^(]*\))/);

/** Why a declaration is physical, or `null`. Horizontal transforms and shadows are checked apart. */
export function physicalReason({ property, value }: Pick<Declaration, 'property' | 'value'>): string | null {
  if (property.startsWith('--')) return null;
  if (PHYSICAL_PROPERTY.some((re) => re.test(property))) return `physical property ${property}`;
  const valueRule = PHYSICAL_VALUE[property];
  if (valueRule?.test(value)) return `physical value ${property}: ${value}`;
  if (BOX_SHORTHAND.test(property)) {
    const parts = splitValues(value);
    if (parts.length === 4 && parts[1] !== parts[3]) return `${property} with different right and left (${value})`;
  }
  if (property === 'border-radius') {
    const parts = splitValues(value.split('/')[0]!);
    if (new Set(parts).size > 1) return `border-radius with different corners (${value}): use border-start-start-radius…`;
  }
  return null;
}

const ZERO = /^-?0(\.0+)?([a-z%]+)?$/;
/** A transform or shadow that moves or points sideways: it needs a `[dir='rtl']` rule for the same selector. */
export function horizontalEffect({ property, value }: Pick<Declaration, 'property' | 'value'>): string | null {
  if (property === 'transform') {
    if (/translatex\(|scalex\(|rotate(z)?\(|skew/.test(value)) {
      const rotations = [...value.matchAll(/rotatez?\(\s*(-?[\d.]+)deg\s*\)/g)].map((m) => Number(m[1]));
      const only180 = rotations.length > 0 && !/translatex\(|scalex\(|skew/.test(value) && rotations.every((deg) => deg % 180 === 0);
      if (!only180) return `transform ${value}`;
    }
    const translate = /translate\(\s*([^,)]+)/.exec(value);
    if (translate && !ZERO.test(translate[1]!.trim())) return `transform ${value}`;
  }
  if (property === 'box-shadow') {
    for (const shadow of value.split(/,(?![^(]*\))/)) {
      const lengths = splitValues(shadow).filter((p) => p !== 'inset' && /^-?[\d.]/.test(p));
      if (lengths[0] && !ZERO.test(lengths[0])) return `box-shadow with a horizontal offset (${shadow.trim()})`;
    }
  }
  return null;
}

const RTL = /(\[dir=['"]?rtl['"]?\]|:dir\(rtl\))\s*/g;
const ltrSelectors = (selector: string) => selector.split(',').map((s) => s.trim());

function violations(decls: Declaration[]): string[] {
  const rtlSelectors = new Set(
    decls.filter((d) => RTL.test(d.selector) && ((RTL.lastIndex = 0), true)).flatMap((d) => ltrSelectors(d.selector.replace(RTL, ''))),
  );
  RTL.lastIndex = 0;
  const found: string[] = [];
  for (const d of decls) {
    const allowed = ALLOWED.some((a) => a.file === d.file && a.selector === d.selector && a.property === d.property);
    if (allowed) continue;
    const where = `${d.file}:${d.line} ${d.selector} { ${d.property}: ${d.value} }`;
    const reason = physicalReason(d);
    if (reason) found.push(`${where}: ${reason}`);
    const isRtlRule = new RegExp(RTL.source).test(d.selector);
    const effect = isRtlRule ? null : horizontalEffect(d);
    if (effect && !ltrSelectors(d.selector).every((s) => rtlSelectors.has(s))) {
      found.push(`${where}: ${effect} has no [dir='rtl'] rule for ${d.selector}`);
    }
  }
  return found;
}

describe('the CSS under src/ is direction-agnostic (logical properties; pointing glyphs flip in RTL)', () => {
  const files = cssFiles(SRC);

  it('finds the stylesheets', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it('has no physical property, physical value, one-sided shorthand, or unflipped horizontal transform', () => {
    const all = files.flatMap((path) => declarations(readFileSync(path, 'utf8'), relative(ROOT, path)));
    expect(all.length).toBeGreaterThan(200);
    expect(violations(all)).toEqual([]);
  });

  it('the allow-list names only what still exists (a stale entry is removed)', () => {
    const all = files.flatMap((path) => declarations(readFileSync(path, 'utf8'), relative(ROOT, path)));
    for (const a of ALLOWED) expect(all.some((d) => d.file === a.file && d.selector === a.selector && d.property === a.property)).toBe(true);
  });

  it('the scan catches what it is meant to (the check itself is checked)', () => {
    const css = `
      .a { margin-left: 1rem; padding: 0 1rem 0 0; text-align: right; float: left; border-top-left-radius: 2px; }
      .b { right: 0; border-right: 1px solid; border-radius: 4px 0 0 4px; inset: 0 auto 0 0; }
      .c { transform: translate(-50%, -50%); box-shadow: inset 3px 0 0 red; }
      .d { transform: rotate(45deg); }
      [dir='rtl'] .d { transform: rotate(-45deg); }
      .ok { margin-inline-start: 1rem; padding: 0 1rem; text-align: start; float: inline-start; inset: 0; border-radius: 4px;
        transform: translateY(-50%) rotate(180deg); box-shadow: 0 4px 12px black; --x: left; }`;
    const found = violations(declarations(css));
    const props = found.map((f) => /\{ ([\w-]+):/.exec(f)![1]);
    expect(props).toEqual([
      'margin-left', 'padding', 'text-align', 'float', 'border-top-left-radius',
      'right', 'border-right', 'border-radius', 'inset',
      'transform', 'box-shadow',
    ]);
  });
});
