import * as RadixDialog from '@radix-ui/react-dialog';
import type { ComponentProps, ReactNode } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { cx } from './cx';
import { usePortalContainer } from './Root';
import { withRef } from './withRef';

/**
 * A dialog's root: open controlled (`open` + `onOpenChange`) or not (`defaultOpen`). Radix Dialog.
 * @example
 * <Dialog open={open} onOpenChange={setOpen}><DialogContent title={t('invite.title')}>…</DialogContent></Dialog>
 */
export const Dialog = RadixDialog.Root;
/** Opens its dialog; use `asChild` around a {@link Button}. */
export const DialogTrigger = RadixDialog.Trigger;
/** Closes its dialog; use `asChild` around a {@link Button}. */
export const DialogClose = RadixDialog.Close;

export interface DialogContentProps extends Omit<ComponentProps<typeof RadixDialog.Content>, 'title'> {
  /** The dialog's heading, which also names it. */
  title: ReactNode;
  /** A sentence under the title, which also describes it. Defaults to none. */
  description?: ReactNode;
  /** Actions at the bottom (Cancel, Save). Defaults to none. */
  footer?: ReactNode;
  /** Defaults to `md`. */
  size?: 'md' | 'lg';
}

/**
 * A modal dialog's content: an overlay, a titled and described panel, a close button, focus
 * trapped inside and given back on close. Portals into the nearest {@link UserAdminRoot}. A Radix
 * popover or menu inside it closes alone on Escape (Radix's layer stack).
 * @example
 * <DialogContent title={t('invite.title')} footer={<Button type="submit" form="invite">{t('actions.invite')}</Button>}>
 *   <form id="invite">…</form>
 * </DialogContent>
 */
export const DialogContent = withRef(function DialogContent({ title, description, footer, size = 'md', className, children, ...props }: DialogContentProps) {
  const { t } = useUserAdminTranslation();
  const container = usePortalContainer();
  return (
    <RadixDialog.Portal container={container}>
      <RadixDialog.Overlay data-slot="dialog-overlay" className="uak-dialog-overlay" />
      <RadixDialog.Content
        {...(description ? {} : { 'aria-describedby': undefined })}
        {...props}
        data-slot="dialog-content"
        data-size={size}
        className={cx('uak-dialog', className)}
      >
        <div className="uak-dialog-header" data-slot="dialog-header">
          <RadixDialog.Title className="uak-dialog-title" data-slot="dialog-title">{title}</RadixDialog.Title>
          <RadixDialog.Close className="uak-dialog-close" aria-label={t('common.close')} data-slot="dialog-close">
            <span aria-hidden="true">×</span>
          </RadixDialog.Close>
        </div>
        {description ? (
          <RadixDialog.Description className="uak-dialog-description" data-slot="dialog-description">{description}</RadixDialog.Description>
        ) : null}
        <div className="uak-dialog-body" data-slot="dialog-body">{children}</div>
        {footer ? <div className="uak-dialog-footer" data-slot="dialog-footer">{footer}</div> : null}
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
});
