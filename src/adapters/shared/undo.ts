import { UserAdminError } from '../../contract/errors';

/**
 * Where a write made of several requests records how to undo each request that succeeded.
 * @example
 * await call('/organization/remove-member', member);
 * undo.add(() => restoreMember(member), `membership of ${member.userId} in ${member.organizationId}`);
 */
export interface UndoLog {
  /**
   * Records how to undo the request that just succeeded. Undo steps run without the caller's signal
   * (an abort may be what failed). `description` names what the step puts back, for the error that
   * says what is left when the step fails. Defaults to `undo step <n>` (n counted from 1, in recording order).
   */
  add(step: () => Promise<unknown>, description?: string): void;
}

/**
 * Runs a write made of several requests so that a failed one leaves the backend as it was: when
 * `write` rejects, the undo steps it recorded run, newest first (a failed step does not stop the
 * next ones). When every step succeeded, the original error is rethrown. When any step failed, the
 * backend is half-changed and saying "nothing changed" would be false: a `UserAdminError` with
 * reason `partially_applied` is thrown instead, with the original error's code (`unknown` when it
 * has none), a message naming the steps that failed (what is left), and the original error as `cause`.
 * @example
 * await withUndo(async (undo) => {
 *   await call('/organization/update-member-role', { memberId, role: 'admin' });
 *   undo.add(() => call('/organization/update-member-role', { memberId, role: 'member' }), 'organization role of the member');
 *   await call('/admin/set-role', { userId, role: 'admin' }); // fails: the member role is put back
 * });
 */
export async function withUndo<T>(write: (undo: UndoLog) => Promise<T>): Promise<T> {
  const steps: { run: () => Promise<unknown>; description: string }[] = [];
  try {
    return await write({ add: (run, description) => void steps.push({ run, description: description ?? `undo step ${steps.length + 1}` }) });
  } catch (error) {
    const left: string[] = [];
    for (const step of [...steps].reverse()) {
      try {
        await step.run();
      } catch {
        left.push(step.description);
      }
    }
    if (left.length === 0) throw error;
    const code = error instanceof UserAdminError ? error.code : 'unknown';
    const original = error instanceof Error ? error.message : String(error);
    throw new UserAdminError(
      code,
      `Partly applied: the write failed (${original}) and could not be fully undone; still to undo: ${left.join('; ')}`,
      { reason: 'partially_applied', cause: error },
    );
  }
}
