// React 18 strips `ref` from a function component's props (19 passes it) and only says so on the
// console: in this run, that warning fails the test that caused it.
import { afterEach, expect, vi } from 'vitest';

const refWarnings: string[] = [];
const consoleError = console.error.bind(console);
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (text.includes('Function components cannot be given refs')) refWarnings.push(text);
  consoleError(...args);
});

afterEach(() => {
  const warnings = refWarnings.splice(0);
  expect(warnings, 'a ref given to a function component React 18 drops').toEqual([]);
});
