/** The styled sign-in error guide (needs `user-admin-kit/styles.css`). */
export { SignInErrorGuide } from './SignInErrorGuide';
export type { SignInErrorGuideProps } from './SignInErrorGuide';
export { SignInErrorGuideDialog } from './SignInErrorGuideDialog';
export type { SignInErrorGuideDialogProps } from './SignInErrorGuideDialog';
