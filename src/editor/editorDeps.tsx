/**
 * Internal: the entity and module fields the editor uses, in one place: the EntityAccessPicker
 * (the `error` the editor shows itself is not passed on) and the ModulePermissionsField.
 */
import { EntityAccessPicker, type EntityAccessPickerProps } from '../entities/components';
import { ModulePermissionsField, type ModulePermissionsFieldProps } from '../permissions/components';
import { withRef } from '../ui/withRef';

export interface EntityAccessFieldProps extends EntityAccessPickerProps {
  /** The translated error; the editor shows it under the field. */
  error?: string;
}

export const EntityAccessField = withRef(function EntityAccessField({ error: _error, ...props }: EntityAccessFieldProps) {
  return <EntityAccessPicker {...props} />;
});

export type ModulePermissionsInputProps = ModulePermissionsFieldProps;

export function ModulePermissionsInput(props: ModulePermissionsInputProps) {
  return <ModulePermissionsField {...props} />;
}
