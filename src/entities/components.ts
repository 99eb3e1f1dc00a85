/** The styled entity access picker (needs `user-admin-kit/styles.css`). */
export { EntityAccessPicker } from './picker/EntityAccessPicker';
export type { EntityAccessPickerProps } from './picker/EntityAccessPicker';
