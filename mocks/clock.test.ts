import { describe, expect, it } from 'vitest';
import { DAY_MS, createClock } from './clock';
import { isDisposableDomain } from './disposable';
import { createRandom } from './random';
import { foldText } from './text';

describe('createClock', () => {
  it('starts at 2026-01-15T09:00:00Z and moves only when told', () => {
    const clock = createClock();
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-15T09:00:00.000Z');
    clock.advance(DAY_MS);
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-16T09:00:00.000Z');
    clock.set(0);
    expect(clock.now()).toBe(0);
  });
});

describe('createRandom', () => {
  it('given the same seed, yields the same sequence, and another seed another one', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const c = createRandom(2);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('isDisposableDomain', () => {
  it('recognises disposable providers and their subdomains, not company domains', () => {
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(isDisposableDomain('MAILINATOR.com')).toBe(true);
    expect(isDisposableDomain('eu.mailinator.com')).toBe(true);
    expect(isDisposableDomain('acme-group.com')).toBe(false);
    expect(isDisposableDomain('gmail.com')).toBe(false);
  });
});

describe('foldText', () => {
  it('strips accents and case so a plain search finds accented names', () => {
    expect(foldText('Françoise ØSTERGAARD João Weiß')).toBe('francoise ostergaard joao weiss');
  });
});
