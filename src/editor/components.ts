/** The styled user editor (needs `user-admin-kit/styles.css`). */
export { UserEditorDialog, userEditorOutcomeMessage } from './UserEditorDialog';
export type { UserEditorDialogProps } from './UserEditorDialog';
export {
  UserEditorAccessFields, UserEditorKindField, UserEditorProfileFields, UserEditorReadOnlyNotes,
} from './UserEditorFields';
export type { UserEditorPartProps } from './UserEditorFields';
