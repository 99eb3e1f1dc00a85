import { useEffect, useRef } from 'react';
import { translateError, useUserAdminTranslation } from '../i18n';
import { Button, StatusMessage, cx } from '../ui';
import { useUserListUsers } from './UserListBase';
import { loadUserCsvExport, useUserCsvExport, type UseUserCsvExportOptions } from './useUserCsvExport';
import type { UseUserTableResult } from './useUserTable';

/** Fetches the export's code ahead of a click; a failure (offline) is reported by the export itself. */
const prefetchExport = () => { loadUserCsvExport().catch(() => {}); };

/** Props of {@link UserListExportButton}. */
export interface UserListExportButtonProps extends Omit<UseUserCsvExportOptions, 'users'> {
  /** The table state. Defaults to the nearest `UserListBase`'s. */
  users?: UseUserTableResult;
  /** Merged last on the button. Defaults to none. */
  className?: string;
}

/**
 * The CSV export of the list, built on {@link useUserCsvExport}: a button that exports the
 * selection (or, with none, every user of the current view), then the progress ("Exported 1,500
 * of 10,000 users") with a cancel button, then the file offered for download, or why it failed
 * (nothing partial is offered). The focus goes to Cancel while exporting and back to the button
 * after. Rendered by `UserList.Toolbar` unless its `exportCsv` is false.
 * @example
 * <UserList.Toolbar exportCsv={false} />
 * <UserList.ExportButton fileName={(date) => `team-${date.toISOString().slice(0, 10)}.csv`} />
 */
export function UserListExportButton({ users: usersProp, className, ...options }: UserListExportButtonProps) {
  const { t, format } = useUserAdminTranslation();
  const users = useUserListUsers(usersProp, 'UserList.ExportButton');
  const csv = useUserCsvExport({ users, ...options });
  const buttonRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { status } = csv;
  const exporting = status === 'exporting';

  // While exporting the focus is on Cancel; when it ends (Cancel is gone) it comes back to the button.
  const hadFocus = useRef(false);
  useEffect(() => {
    if (exporting) {
      if (document.activeElement === buttonRef.current || document.activeElement === document.body) {
        hadFocus.current = true;
        cancelRef.current?.focus();
      }
    } else if (hadFocus.current) {
      hadFocus.current = false;
      if (document.activeElement === document.body || document.activeElement === null) buttonRef.current?.focus();
    }
  }, [exporting]);

  const selected = users.selectedCount > 0;
  return (
    <>
      <Button
        ref={buttonRef}
        size="md"
        pending={exporting}
        onClick={() => void csv.start()}
        // The export's code is not on the first screen: fetched when the pointer or focus reaches the button.
        onPointerEnter={prefetchExport}
        onFocus={prefetchExport}
        className={cx('uak-user-list-export', className)}
        data-slot="user-list-export"
        data-state={status}
      >
        {selected ? t('userList.export.buttonSelected') : t('userList.export.button')}
      </Button>
      {exporting ? (
        <div className="uak-user-list-export-status" data-slot="user-list-export-progress">
          <progress
            className="uak-user-list-export-progress"
            aria-label={t('userList.export.progressLabel')}
            {...(csv.total !== null ? { max: Math.max(csv.total, 1), value: Math.min(csv.exported, csv.total) } : {})}
          />
          <span role="status">
            {csv.total === null
              ? t('userList.export.preparing')
              : t('userList.export.progress', { count: csv.total, formatted: format.number(csv.total), done: format.number(csv.exported) })}
          </span>
          <Button ref={cancelRef} size="sm" onClick={csv.cancel} data-slot="user-list-export-cancel">
            {t('userList.export.cancel')}
          </Button>
        </div>
      ) : null}
      {status === 'done' ? (
        <StatusMessage tone="success" onDismiss={csv.dismiss} className="uak-user-list-export-status" data-slot="user-list-export-outcome">
          {t('userList.export.done', { count: csv.exported, formatted: format.number(csv.exported), file: csv.fileName ?? '' })}
        </StatusMessage>
      ) : null}
      {status === 'failed' && csv.error ? (
        <StatusMessage tone="error" onDismiss={csv.dismiss} className="uak-user-list-export-status" data-slot="user-list-export-outcome">
          {t('userList.export.failed', { reason: translateError(t, csv.error) })}
        </StatusMessage>
      ) : null}
      {status === 'cancelled' ? (
        <StatusMessage tone="info" onDismiss={csv.dismiss} className="uak-user-list-export-status" data-slot="user-list-export-outcome">
          {t('userList.export.cancelled')}
        </StatusMessage>
      ) : null}
    </>
  );
}
