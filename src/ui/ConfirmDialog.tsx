import type { ReactNode } from 'react';
import { translateError, useUserAdminTranslation } from '../i18n';
import { Button } from './Button';
import { Dialog, DialogClose, DialogContent } from './Dialog';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** What will happen, in words the person can weigh (name the person, say what is kept or lost). */
  description: ReactNode;
  confirmLabel: ReactNode;
  /** Defaults to `danger`. */
  tone?: 'danger' | 'primary';
  /** The action runs: the dialog stays open and the confirm button is busy. Defaults to `false`. */
  pending?: boolean;
  /** The action failed: its translated message shows and the dialog stays open. Defaults to none. */
  error?: unknown;
  onConfirm: () => void;
  /** More content between the description and the buttons. Defaults to none. */
  children?: ReactNode;
  /**
   * Where the focus goes when the dialog closes (confirmed, cancelled or dismissed with Escape): a
   * dialog opened from a menu item has nothing to return to, and the focus would drop to the page.
   * Called at close; `null` (or an element no longer in the page) keeps Radix's default. Defaults to none.
   */
  returnFocusTo?: () => HTMLElement | null | undefined;
}

/**
 * Asks before an action that cannot be undone, and stays open while it runs so a failure can be
 * read. The caller closes it on success.
 * @example
 * <ConfirmDialog open={open} onOpenChange={setOpen} title={t('users.remove.title', { name })}
 *   description={t('users.remove.description')} confirmLabel={t('actions.remove')}
 *   pending={remove.isPending} error={remove.error} onConfirm={() => remove.mutate(id, { onSuccess: () => setOpen(false) })} />
 */
export function ConfirmDialog({
  open, onOpenChange, title, description, confirmLabel, tone = 'danger', pending = false, error, onConfirm, children, returnFocusTo,
}: ConfirmDialogProps) {
  const { t } = useUserAdminTranslation();
  return (
    <Dialog open={open} onOpenChange={(next) => { if (!pending) onOpenChange(next); }}>
      <DialogContent
        role="alertdialog"
        title={title}
        description={description}
        data-slot="confirm-dialog"
        onCloseAutoFocus={(event) => {
          const target = returnFocusTo?.();
          if (!target?.isConnected) return;
          event.preventDefault();
          target.focus();
        }}
        footer={
          <>
            <DialogClose asChild>
              <Button disabled={pending}>{t('common.cancel')}</Button>
            </DialogClose>
            <Button variant={tone} pending={pending} onClick={onConfirm} data-slot="confirm-dialog-confirm">
              {confirmLabel}
            </Button>
          </>
        }
      >
        {children}
        {error ? <p role="alert" className="uak-error-text" data-slot="confirm-dialog-error">{translateError(t, error)}</p> : null}
      </DialogContent>
    </Dialog>
  );
}
