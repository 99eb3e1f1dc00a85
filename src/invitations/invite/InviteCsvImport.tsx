import { useId, useRef, useState } from 'react';
import { MAX_INVITE_ADDRESSES } from '../../contract/limits';
import { translateError, useUserAdminTranslation } from '../../i18n';
import { Button, StatusMessage, cx } from '../../ui';
import { CSV_ONLY_SKIP_REASONS, type CsvInvitePreviewLine } from './csvInvite';
import { useInviteCsvImport, type UseInviteCsvImportResult } from './useInviteCsvImport';
import type { UseInviteFormResult } from './useInviteForm';

/** Props of {@link InviteCsvImport}. */
export interface InviteCsvImportProps {
  /** The form, from {@link useInviteForm}. */
  invite: UseInviteFormResult;
  /** Merged last. Defaults to none. */
  className?: string;
}

/**
 * The invite dialog's CSV import, built on {@link useInviteCsvImport}: a button that opens the
 * file picker, then a preview marking each line "will invite" or "skipped" with the reason (the
 * address field's reasons, and the file's own: no address, unknown role or entity), then the lines
 * to invite become the dialog's addresses, for its normal send. A file that cannot be imported
 * says why.
 * @example
 * const invite = useInviteForm();
 * <InviteCsvImport invite={invite} />
 */
export function InviteCsvImport({ invite, className }: InviteCsvImportProps) {
  const { t, format } = useUserAdminTranslation();
  const csv = useInviteCsvImport(invite);
  const fileRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const hintId = useId();
  const [added, setAdded] = useState<number | null>(null);
  const file = csv.fileName ?? '';
  const busy = csv.phase === 'reading' || csv.phase === 'checking';

  const close = () => {
    csv.cancel();
    buttonRef.current?.focus();
  };

  return (
    <div className={cx('uak-invite-csv', className)} data-slot="invite-csv" data-state={csv.phase}>
      <div className="uak-invite-csv-pick">
        <Button
          ref={buttonRef}
          size="sm"
          pending={busy}
          aria-describedby={hintId}
          onClick={() => fileRef.current?.click()}
          data-slot="invite-csv-button"
        >
          {t('invite.csv.button')}
        </Button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,text/csv,text/plain"
          hidden
          aria-label={t('invite.csv.fileLabel')}
          data-slot="invite-csv-file"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            // The same file chosen again (after fixing it) is read again.
            event.target.value = '';
            if (!chosen) return;
            setAdded(null);
            void csv.readFile(chosen);
          }}
        />
        <p id={hintId} className="uak-muted uak-invite-csv-hint">{t('invite.csv.hint')}</p>
      </div>
      {busy ? (
        <p role="status" className="uak-muted" data-slot="invite-csv-busy">
          {csv.phase === 'reading' ? t('invite.csv.reading', { file }) : t('invite.csv.checking', { file })}
        </p>
      ) : null}
      {csv.phase === 'error' ? (
        <StatusMessage tone="error" onDismiss={close} data-slot="invite-csv-error">
          {csv.fileError
            ? csv.fileError.code === 'too_many_rows'
              ? t('invite.csv.error.too_many_rows', { count: csv.fileError.count ?? 0, formatted: format.number(csv.fileError.count ?? 0), max: format.number(MAX_INVITE_ADDRESSES) })
              : t(`invite.csv.error.${csv.fileError.code}`, { line: csv.fileError.line ?? 0 })
            : csv.lookupError
              ? t('invite.csv.error.lookup', { reason: translateError(t, csv.lookupError) })
              : null}
        </StatusMessage>
      ) : null}
      {csv.phase === 'preview' ? (
        <InviteCsvPreview
          csv={csv}
          invite={invite}
          onApply={() => {
            setAdded(csv.apply());
            buttonRef.current?.focus();
          }}
          onCancel={close}
        />
      ) : null}
      {added !== null && csv.phase === 'idle' ? (
        <StatusMessage tone="success" onDismiss={() => setAdded(null)} data-slot="invite-csv-added">
          {t('invite.csv.added', { count: added })}
        </StatusMessage>
      ) : null}
    </div>
  );
}

function InviteCsvPreview({ csv, invite, onApply, onCancel }: {
  csv: UseInviteCsvImportResult; invite: UseInviteFormResult; onApply: () => void; onCancel: () => void;
}) {
  const { t } = useUserAdminTranslation();
  const captionId = useId();
  const invitable = csv.invitable.length;
  const skipped = csv.lines.length - invitable;
  const roleName = (line: CsvInvitePreviewLine) =>
    line.roleId ? (invite.roles.find((role) => role.id === line.roleId)?.name ?? line.roleId) : line.role || t('invite.csv.defaultAccess');
  const reasonText = (line: CsvInvitePreviewLine) => {
    if (!line.reason) return t('invite.csv.willInvite');
    const reason = CSV_ONLY_SKIP_REASONS.includes(line.reason)
      ? t(`invite.csv.reason.${line.reason as 'missing_email' | 'unknown_role' | 'unknown_entity' | 'ambiguous_entity'}`, { value: line.reasonValue ?? '' })
      : t(`invite.skipReason.${line.reason as Exclude<typeof line.reason, 'missing_email' | 'unknown_role' | 'unknown_entity' | 'ambiguous_entity'>}`);
    return t('invite.csv.skippedBecause', { reason });
  };
  return (
    <div className="uak-invite-csv-preview" data-slot="invite-csv-preview">
      <p role="status" className="uak-invite-csv-summary" data-slot="invite-csv-summary">
        {t('invite.csv.invitable', { count: invitable })}{skipped > 0 ? ` ${t('invite.csv.skipped', { count: skipped })}` : ''}
      </p>
      <div className="uak-invite-csv-table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="uak-invite-csv-table" data-slot="invite-csv-table">
          <caption id={captionId}>{t('invite.csv.previewTitle', { file: csv.fileName ?? '' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invite.csv.columns.line')}</th>
              <th scope="col">{t('invite.csv.columns.email')}</th>
              <th scope="col">{t('invite.csv.columns.name')}</th>
              <th scope="col">{t('invite.csv.columns.role')}</th>
              <th scope="col">{t('invite.csv.columns.entities')}</th>
              <th scope="col">{t('invite.csv.columns.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {csv.lines.map((line) => (
              <tr key={line.line} data-outcome={line.reason ? 'skip' : 'invite'} data-reason={line.reason ?? undefined} data-slot="invite-csv-line">
                <td>{line.line}</td>
                <td>{line.email}</td>
                <td>{`${line.firstName} ${line.lastName}`.trim()}</td>
                <td>{roleName(line)}</td>
                <td>{line.entities.length > 0 ? line.entities.join('; ') : t('invite.csv.defaultAccess')}</td>
                <td data-slot="invite-csv-outcome">{reasonText(line)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="uak-invite-csv-actions">
        <Button variant="primary" size="sm" disabled={invitable === 0} onClick={onApply} data-slot="invite-csv-apply">
          {t('invite.csv.add', { count: invitable })}
        </Button>{' '}
        <Button size="sm" onClick={onCancel} data-slot="invite-csv-cancel">{t('invite.csv.cancel')}</Button>
      </p>
    </div>
  );
}
