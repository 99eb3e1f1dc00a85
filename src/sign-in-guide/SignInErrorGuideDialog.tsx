import type { User } from '../contract/types';
import { useUserAdminTranslation } from '../i18n';
import { Dialog, DialogContent, UserAdminRoot, cx } from '../ui';
import { userDisplayName } from '../users/model/columns';
import { SignInErrorGuide } from './SignInErrorGuide';

/** Props of {@link SignInErrorGuideDialog}. */
export interface SignInErrorGuideDialogProps {
  /** Whether the dialog is open, for a controlled dialog. Defaults to uncontrolled. */
  open?: boolean;
  /** Whether an uncontrolled dialog starts open. Defaults to `false`. */
  defaultOpen?: boolean;
  /** Called when the dialog asks to open or close. Defaults to none. */
  onOpenChange?: (open: boolean) => void;
  /** The user who cannot sign in. Defaults to none (the paste path only). */
  user?: User | null;
  /** What the message box starts with. Defaults to empty. */
  defaultMessage?: string;
  /** The current instant, for the details for support. Defaults to `Date.now`. */
  now?: () => number;
  /** Opens the host's editor, offered for entity failures. Defaults to none. */
  onEditUser?: (user: User) => void;
  /** Classes of the dialog panel, merged last. Defaults to none. */
  className?: string;
}

/**
 * The sign-in error guide in a dialog, titled with the user's name. Opened by the host, typically
 * from the users list's "Sign-in help" row action (`UserList`'s `onSignInHelp`). Each opening
 * starts afresh.
 * @example
 * const [helpFor, setHelpFor] = useState<User | null>(null);
 * <UserList onSignInHelp={setHelpFor} />
 * <SignInErrorGuideDialog open={helpFor !== null} onOpenChange={(open) => { if (!open) setHelpFor(null); }} user={helpFor} />
 */
export function SignInErrorGuideDialog({ open, defaultOpen, onOpenChange, user, defaultMessage, now, onEditUser, className }: SignInErrorGuideDialogProps) {
  const { t } = useUserAdminTranslation();
  return (
    <UserAdminRoot className="uak-sign-in-guide-dialog-root">
      <Dialog
        {...(open !== undefined ? { open } : {})}
        {...(defaultOpen !== undefined ? { defaultOpen } : {})}
        {...(onOpenChange ? { onOpenChange } : {})}
      >
        <DialogContent
          size="lg"
          className={cx('uak-sign-in-guide-dialog', className)}
          title={user ? t('signInGuide.dialogTitle', { name: userDisplayName(user) }) : t('signInGuide.title')}
          description={t('signInGuide.dialogDescription')}
        >
          <SignInErrorGuide
            key={user?.id ?? ''}
            user={user ?? null}
            {...(defaultMessage !== undefined ? { defaultMessage } : {})}
            {...(now ? { now } : {})}
            {...(onEditUser ? { onEditUser } : {})}
          />
        </DialogContent>
      </Dialog>
    </UserAdminRoot>
  );
}
