import { useCallback, useEffect, useRef, useState } from 'react';
import { toUserAdminError, type UserAdminError } from '../../contract/errors';
import type { Entity, UserAdminAdapter } from '../../contract/types';
import { emailKey, inviteeExisting, type InviteeFacts } from '../../core';
import { isCommonDisposableEmail } from '../../adapters/shared/disposable';
import { useUserAdminContext } from '../../provider/context';
import { mapWithConcurrency } from '../../query/concurrency';
import { callAdapter } from '../../query/normalize';
import { chipAddress } from './invite.schema';
import {
  classifyCsvInviteRows, csvAddress, csvEntityKey, decodeCsvBytes, readInviteCsv, type CsvEntityMatch, type CsvInviteFile, type CsvInviteFileError,
  type CsvInvitePreviewLine,
} from './csvInvite';
import type { UseInviteFormResult } from './useInviteForm';

/** Where an import is: reading the file, checking its addresses, showing the preview. */
export type InviteCsvImportPhase = 'idle' | 'reading' | 'checking' | 'preview' | 'error';

/** Options of {@link useInviteCsvImport}. */
export interface UseInviteCsvImportOptions {
  /** At most this many lookups in flight while checking the addresses. Defaults to 4. */
  concurrency?: number;
}

/** What {@link useInviteCsvImport} returns. */
export interface UseInviteCsvImportResult {
  phase: InviteCsvImportPhase;
  /** The file's name, once one is chosen. */
  fileName: string | null;
  /** Why the file cannot be imported (translated as `invite.csv.error.<code>`), with the line or count it is about. */
  fileError: { code: CsvInviteFileError; line?: number; count?: number } | null;
  /** Why the addresses could not be checked (the backend's error). */
  lookupError: UserAdminError | null;
  /** Each line of the file: will invite (`reason: null`), or skipped and why. */
  lines: CsvInvitePreviewLine[];
  /** The lines that will be invited. */
  invitable: CsvInvitePreviewLine[];
  /** Reads a file and checks each line (the backend is asked who already has an address, and which entities are named). */
  readFile: (file: Blob & { name?: string }) => Promise<void>;
  /** Adds the lines that will be invited to the dialog's addresses; returns how many. */
  apply: () => number;
  /** Drops the file and its preview. */
  cancel: () => void;
}

async function resolveEntities(adapter: UserAdminAdapter, values: readonly string[], concurrency: number, signal: AbortSignal) {
  const matches = new Map<string, CsvEntityMatch>();
  const keys = [...new Set(values.map(csvEntityKey))].filter(Boolean);
  await mapWithConcurrency(keys, concurrency, async (key) => {
    const original = values.find((value) => csvEntityKey(value) === key)!.trim();
    const [byId, byName] = await Promise.all([
      callAdapter(() => adapter.listEntities({ ids: [original], pageIndex: 0, pageSize: 1, signal })),
      callAdapter(() => adapter.listEntities({ search: original, pageIndex: 0, pageSize: 50, signal })),
    ]);
    const exactId = byId.items.find((entity) => entity.id === original);
    const named = byName.items.filter((entity: Entity) => entity.name.trim().toLowerCase() === key);
    matches.set(key, exactId ? { id: exactId.id } : named.length === 1 ? { id: named[0]!.id } : named.length > 1 ? 'ambiguous' : 'unknown');
  });
  return matches;
}

async function lookUpInvitees(adapter: UserAdminAdapter, emails: readonly string[], concurrency: number, signal: AbortSignal) {
  const facts = new Map<string, InviteeFacts>();
  await mapWithConcurrency([...new Set(emails)], concurrency, async (email) => {
    const page = await callAdapter(() => adapter.listUsers({ search: email, pageIndex: 0, pageSize: 20, signal }));
    const owner = page.items.find((user) => emailKey(user.email) === email || (user.pendingEmail !== null && emailKey(user.pendingEmail) === email));
    facts.set(email, { existing: inviteeExisting(owner, email), disposable: isCommonDisposableEmail(email) });
  });
  return facts;
}

/**
 * The invite dialog's CSV import, headless: reads a file (UTF-8 or Windows-1252; comma,
 * semicolon or tab), finds its columns (email, first name, last name, role, entities) in English,
 * French or Portuguese, resolves roles and entities by name or id, asks the backend who already
 * has each address, and marks each line "will invite" or "skipped, and why" with the core's
 * classification plus the file's own reasons; {@link UseInviteCsvImportResult.apply} puts the
 * lines to invite into the dialog's addresses, for the dialog's normal send.
 * @example
 * const invite = useInviteForm();
 * const csv = useInviteCsvImport(invite);
 * <input type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void csv.readFile(e.target.files[0])} />
 * {csv.lines.map((line) => <p key={line.line}>{line.email}: {line.reason ?? 'will invite'}</p>)}
 * <button onClick={csv.apply}>Add {csv.invitable.length}</button>
 */
export function useInviteCsvImport(invite: UseInviteFormResult, options: UseInviteCsvImportOptions = {}): UseInviteCsvImportResult {
  const { adapter } = useUserAdminContext('useInviteCsvImport');
  const concurrency = options.concurrency ?? 4;
  const [phase, setPhase] = useState<InviteCsvImportPhase>('idle');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<UseInviteCsvImportResult['fileError']>(null);
  const [lookupError, setLookupError] = useState<UserAdminError | null>(null);
  const [lines, setLines] = useState<CsvInvitePreviewLine[]>([]);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  const latest = useRef(invite);
  latest.current = invite;

  const readFile = useCallback(async (file: Blob & { name?: string }) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    const { signal } = controller;
    setFileName(file.name ?? null);
    setFileError(null);
    setLookupError(null);
    setLines([]);
    setPhase('reading');
    let text: string | null;
    try {
      text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    } catch {
      text = null;
    }
    if (signal.aborted) return;
    const read: CsvInviteFile = text === null ? { ok: false, error: 'unreadable' } : readInviteCsv(text);
    if (!read.ok) {
      setFileError({ code: read.error, ...(read.line !== undefined ? { line: read.line } : {}), ...(read.count !== undefined ? { count: read.count } : {}) });
      setPhase('error');
      return;
    }
    setPhase('checking');
    const { chips, roles, ssoEnforced } = latest.current;
    const taken = chips.map((chip) => chipAddress(chip.text));
    const candidates = read.rows.flatMap((row) => {
      const address = csvAddress(row.email);
      return address?.valid ? [address.email] : [];
    });
    try {
      const [entities, facts] = await Promise.all([
        resolveEntities(adapter, read.rows.flatMap((row) => row.entities), concurrency, signal),
        lookUpInvitees(adapter, candidates, concurrency, signal),
      ]);
      if (signal.aborted) return;
      setLines(classifyCsvInviteRows(read.rows, { taken, ssoEnforced, roles, entities, facts }));
      setPhase('preview');
    } catch (error) {
      if (signal.aborted) return;
      setLookupError(toUserAdminError(error));
      setPhase('error');
    } finally {
      if (running.current === controller) running.current = null;
    }
  }, [adapter, concurrency]);

  const invitable = lines.filter((line) => line.reason === null);
  const apply = useCallback(() => {
    const added = latest.current.addImported(
      lines.filter((line) => line.reason === null).map((line) => ({
        email: line.address, firstName: line.firstName, lastName: line.lastName, roleId: line.roleId, entityIds: line.entityIds,
      })),
    );
    setPhase('idle');
    setLines([]);
    setFileName(null);
    return added;
  }, [lines]);

  const cancel = useCallback(() => {
    running.current?.abort();
    running.current = null;
    setPhase('idle');
    setLines([]);
    setFileName(null);
    setFileError(null);
    setLookupError(null);
  }, []);

  return { phase, fileName, fileError, lookupError, lines, invitable, readFile, apply, cancel };
}
