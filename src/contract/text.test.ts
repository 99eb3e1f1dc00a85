import { describe, expect, it } from 'vitest';
import {
  checkPageSize, cleanName, domainRisk, INVITE_CONFIRM_ABOVE, isPageSizeAllowed, LIMIT_MESSAGE_VALUES, MAX_INVITE_ADDRESSES, MAX_PAGE_SIZE,
} from '../core';

describe('cleanName', () => {
  it('drops bidi controls and zero-width characters, composes and trims', () => {
    expect(cleanName(' Ana\u202E Lima\u200B ')).toBe('Ana Lima');
    expect(cleanName('\u2066Jo\u200Dão\u2069\u200E\u200F\u061C\u2060\uFEFF')).toBe('João');
    expect(cleanName('\u202A\u202B\u202C\u202DBob')).toBe('Bob');
    expect(cleanName('Jose\u0301')).toBe('Jos\u00e9');
    expect(cleanName('Jose\u0301')).toHaveLength(4);
  });

  it('keeps ordinary names as they are', () => {
    for (const name of ['Ana', 'Maria da Silva', "O'Brien", 'Zoë', 'محمد', '山田']) expect(cleanName(name)).toBe(name);
  });
});

describe('domainRisk', () => {
  it('given a label mixing Latin with Cyrillic or Greek, flags it as mixed_script', () => {
    expect(domainRisk('\u0430cme.fr')).toBe('mixed_script'); // Cyrillic а
    expect(domainRisk('acm\u0435.com')).toBe('mixed_script'); // Cyrillic е
    expect(domainRisk('g\u03bfogle.com')).toBe('mixed_script'); // Greek ο
    expect(domainRisk('mail.\u0430cme.fr')).toBe('mixed_script');
  });

  it('given a label wholly in Cyrillic letters that look Latin, flags it as confusable', () => {
    expect(domainRisk('\u0430\u0441\u0435.fr')).toBe('confusable'); // асе
    expect(domainRisk('\u0440\u0430\u0443\u0440\u0430\u0441.com')).toBe('confusable'); // раураc
  });

  it('given an ordinary or genuinely non-Latin domain, answers null', () => {
    for (const domain of ['acme.fr', 'ex\u00e4mple.com', 'xn--exmple-cua.com', '\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444', '\u4f8b\u3048.jp', 'acme-2.co.uk', '']) {
      expect(domainRisk(domain), domain).toBeNull();
    }
  });
});

describe('the limits', () => {
  it('confirm below the maximum, and page sizes up to the largest page used (1,000)', () => {
    expect(INVITE_CONFIRM_ABOVE).toBeLessThan(MAX_INVITE_ADDRESSES);
    expect(isPageSizeAllowed(1000)).toBe(true);
    expect(isPageSizeAllowed(MAX_PAGE_SIZE + 1)).toBe(false);
    expect(isPageSizeAllowed(0)).toBe(false);
    expect(isPageSizeAllowed(1.5)).toBe(false);
    expect(checkPageSize(1e9)).toBe('too_long');
    expect(checkPageSize(-1)).toBe('invalid_format');
    expect(checkPageSize(50)).toBeNull();
    expect(LIMIT_MESSAGE_VALUES.maxInviteAddresses).toBe(MAX_INVITE_ADDRESSES);
  });
});
