/**
 * The conformance kit's own tiny assertions. No test runner is imported, so checks run
 * anywhere (vitest, jest, node:test, a script); each failure says the operation, what was
 * expected and what came back.
 */
import { isUserAdminError, type DomainErrorReason, type UserAdminErrorCode } from '../contract/errors';

/**
 * What a failed conformance check throws.
 * @example
 * try { await check.run(harness); } catch (e) { if (e instanceof ConformanceError) console.log(e.message); }
 */
export class ConformanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceError';
  }
}

/** A short, readable form of any value for failure messages. */
export function show(value: unknown): string {
  if (isUserAdminError(value)) {
    return `UserAdminError(code=${value.code}${value.reason ? `, reason=${value.reason}` : ''}${
      value.fieldErrors ? `, fieldErrors=${JSON.stringify(value.fieldErrors)}` : ''
    }: ${value.message})`;
  }
  if (value instanceof Error || (typeof value === 'object' && value !== null && 'name' in value && 'message' in value)) {
    const e = value as { name: unknown; message: unknown };
    return `${String(e.name)}: ${String(e.message)}`;
  }
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text;
}

/** Throws a {@link ConformanceError} naming the operation, the expectation and the actual value. */
export function fail(operation: string, expected: string, actual: unknown): never {
  throw new ConformanceError(`${operation}: expected ${expected}, got ${show(actual)}`);
}

/** Fails unless `condition` holds. */
export function ensure(condition: unknown, operation: string, expected: string, actual: unknown): asserts condition {
  if (!condition) fail(operation, expected, actual);
}

/** Fails unless two values are deeply equal (key order does not matter). */
export function ensureEqual(actual: unknown, expected: unknown, operation: string): void {
  if (!deepEqual(actual, expected)) {
    fail(operation, show(expected), actual);
  }
}

/** Deep equality of plain JSON-like data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && deepEqual(ra[k], rb[k]));
}

export interface ExpectedRejection {
  /** Accepted error codes; any code when omitted. */
  codes?: readonly UserAdminErrorCode[];
  /** The required domain reason. */
  reason?: DomainErrorReason;
  /** A field that must appear in `fieldErrors`. */
  field?: string;
}

/** Awaits a promise that must reject with a `UserAdminError` matching `expected`; returns the error. */
export async function expectRejection(
  promise: Promise<unknown>,
  operation: string,
  expected: ExpectedRejection = {},
): Promise<NonNullable<unknown>> {
  const want = [
    'a UserAdminError',
    expected.codes ? `with code ${expected.codes.join(' or ')}` : '',
    expected.reason ? `with reason '${expected.reason}'` : '',
    expected.field ? `with fieldErrors.${expected.field}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (!isUserAdminError(error)) fail(operation, want, error);
    if (expected.codes && !expected.codes.includes(error.code)) fail(operation, want, error);
    if (expected.reason && error.reason !== expected.reason) fail(operation, want, error);
    if (expected.field && !error.fieldErrors?.[expected.field]) fail(operation, want, error);
    return error;
  }
  return fail(operation, `a rejection: ${want}`, { resolved: value });
}

/** Awaits a promise that must reject with an error named `AbortError`. */
export async function expectAbort(promise: Promise<unknown>, operation: string): Promise<void> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
    if (name !== 'AbortError') fail(operation, "a rejection named 'AbortError'", error);
    return;
  }
  fail(operation, "a rejection named 'AbortError'", { resolved: value });
}
