/**
 * Where a write made of several requests records how to undo each request that succeeded.
 * @example
 * await call('/organization/remove-member', member);
 * undo.add(() => restoreMember(member));
 */
export interface UndoLog {
  /** Records how to undo the request that just succeeded. Undo steps run without the caller's signal (an abort may be what failed). */
  add(step: () => Promise<unknown>): void;
}

/**
 * Runs a write made of several requests so that a failed one leaves the backend as it was: when
 * `write` rejects, the undo steps it recorded run, newest first, and the original error is
 * rethrown. Best effort: an undo step that fails is skipped (the next ones still run) and never
 * replaces the original error, which is what the caller must see.
 * @example
 * await withUndo(async (undo) => {
 *   await call('/organization/update-member-role', { memberId, role: 'admin' });
 *   undo.add(() => call('/organization/update-member-role', { memberId, role: 'member' }));
 *   await call('/admin/set-role', { userId, role: 'admin' }); // fails: the member role is put back
 * });
 */
export async function withUndo<T>(write: (undo: UndoLog) => Promise<T>): Promise<T> {
  const steps: (() => Promise<unknown>)[] = [];
  try {
    return await write({ add: (step) => void steps.push(step) });
  } catch (error) {
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch {
        // A failed undo is not reported: the original error is rethrown below, unmasked.
      }
    }
    throw error;
  }
}
