import { useCallback, useEffect, useRef, useState } from 'react';
import { toUserAdminError, type UserAdminError } from '../contract/errors';
import { useUserAdminTranslation } from '../i18n/useUserAdminTranslation';
import { useUserAdminContext } from '../provider/context';
import type { UseUserTableResult } from './useUserTable';

/**
 * Internal: loads the export's work (columns, paging, CSV writing, the download), which the list's
 * first screen does not carry; called when an export starts, and ahead of it when the export
 * button is hovered or focused, so the click does not wait on the network.
 */
export const loadUserCsvExport = () => import('./csvExportRun');

/** Where a CSV export is. */
export type UserCsvExportStatus = 'idle' | 'exporting' | 'done' | 'failed' | 'cancelled';

/** How an export ended. */
export interface UserCsvExportOutcome {
  status: 'done' | 'failed' | 'cancelled';
  /** Users written (all of them when `done`). */
  exported: number;
  /** The file offered, when `done`. */
  fileName: string | null;
  /** Why it failed, when `failed`. */
  error: UserAdminError | null;
}

/** Options of {@link useUserCsvExport}. */
export interface UseUserCsvExportOptions {
  /** The table whose view, columns and selection are exported ({@link useUserTable}'s result). */
  users: UseUserTableResult;
  /** Users per page read. Defaults to 500. */
  pageSize?: number;
  /** At most this many reads in flight. Defaults to 4. */
  concurrency?: number;
  /** The file's name, or a function of the export's date. Defaults to `users-YYYY-MM-DD.csv` (local date). */
  fileName?: string | ((date: Date) => string);
  /** Offers the file. Defaults to a download through an object URL and an `<a download>`. */
  download?: (file: Blob, fileName: string) => void;
}

/** What {@link useUserCsvExport} returns. */
export interface UseUserCsvExportResult {
  status: UserCsvExportStatus;
  /** Users written so far. */
  exported: number;
  /** Users the running (or last) export covers; `null` until known. */
  total: number | null;
  /** Why the last export failed; nothing was offered. `null` otherwise. */
  error: UserAdminError | null;
  /** The last file offered. */
  fileName: string | null;
  /** Exports the selection (explicit users, or all matching), else every user of the current view. Never rejects. */
  start: () => Promise<UserCsvExportOutcome>;
  /** Stops the running export (its reads are aborted); nothing is offered. */
  cancel: () => void;
  /** Back to `idle` (hides the last outcome). */
  dismiss: () => void;
}

/**
 * The users list's CSV export, headless: the selection when there is one (explicit users, or
 * every user matching), else every user of the current view (search and filters); the visible
 * columns in their order with the headers in the active locale; read page by page with bounded
 * concurrency, with progress and cancel (the reads get an AbortSignal); the file (UTF-8 with BOM,
 * CRLF, RFC 4180 quoting, formula injection neutralised) is offered only when complete: a failure
 * says why and offers nothing.
 * @example
 * const users = useUserTable();
 * const csv = useUserCsvExport({ users });
 * <button onClick={() => void csv.start()}>Export</button>
 * {csv.status === 'exporting' ? <p>{csv.exported} / {csv.total} <button onClick={csv.cancel}>Cancel</button></p> : null}
 */
export function useUserCsvExport(options: UseUserCsvExportOptions): UseUserCsvExportResult {
  const { adapter } = useUserAdminContext('useUserCsvExport');
  const { t } = useUserAdminTranslation();
  const [status, setStatus] = useState<UserCsvExportStatus>('idle');
  const [exported, setExported] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<UserAdminError | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  // Read when an export starts: the view, columns and selection of that moment.
  const latest = useRef({ options, t, adapter });
  latest.current = { options, t, adapter };
  useEffect(() => () => running.current?.abort(), []);

  const start = useCallback(async (): Promise<UserCsvExportOutcome> => {
    const { options: opts, t: translate, adapter: api } = latest.current;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setStatus('exporting');
    setError(null);
    setExported(0);
    setTotal(null);
    // Reports of a run that a newer start() replaced are dropped: the newer one owns the state.
    const current = () => running.current === controller;
    const onTotal = (value: number | null) => { if (current()) setTotal(value); };
    const onProgress = (value: number) => { if (current()) setExported(value); };
    let outcome: UserCsvExportOutcome;
    try {
      const { runUserCsvExport } = await loadUserCsvExport();
      outcome = controller.signal.aborted
        ? { status: 'cancelled', exported: 0, fileName: null, error: null }
        : await runUserCsvExport({ options: opts, t: translate, adapter: api, controller, onTotal, onProgress });
    } catch (loadFailure) {
      // The export's code could not be loaded (offline): nothing was read or offered.
      outcome = { status: 'failed', exported: 0, fileName: null, error: toUserAdminError(loadFailure) };
    }
    if (!current()) return outcome;
    running.current = null;
    if (outcome.status === 'done') setFileName(outcome.fileName);
    if (outcome.status === 'failed') setError(outcome.error);
    setStatus(outcome.status);
    return outcome;
  }, []);

  const cancel = useCallback(() => running.current?.abort(), []);
  const dismiss = useCallback(() => {
    setStatus('idle');
    setError(null);
  }, []);

  return { status, exported, total, error, fileName, start, cancel, dismiss };
}
