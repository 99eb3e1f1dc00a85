/** The styled entity access picker (needs `user-admin-kit/styles.css`). */
export { EntityAccessPicker } from './picker/EntityAccessPicker';
export type { EntityAccessPickerProps } from './picker/EntityAccessPicker';
export { EntityAccessPickerBase, useEntityAccessPickerContext } from './picker/EntityAccessPickerBase';
export type {
  EntityAccessPickerBaseProps,
  EntityAccessPickerContextValue,
  EntityAccessPickerFieldOptions,
  EntityAccessPickerVariant,
} from './picker/EntityAccessPickerBase';
export {
  EntityAccessPickerRoot,
  EntityAccessPickerTrigger,
  EntityAccessPickerSummary,
  EntityAccessPickerPopover,
  EntityAccessPickerFooter,
  EntityAccessPickerInline,
  EntityAccessPickerChips,
  EntityAccessPickerContent,
  EntityAccessPickerSearch,
  EntityAccessPickerMatches,
  EntityAccessPickerStatus,
  EntityAccessPickerTree,
  EntityAccessPickerHint,
} from './picker/EntityAccessPickerParts';
export type { EntityAccessPickerTriggerProps, EntityAccessPickerSummaryProps, EntityAccessPickerSearchProps } from './picker/EntityAccessPickerParts';
