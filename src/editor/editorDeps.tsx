/**
 * Internal: the entity and module fields the editor uses, in one place. Until the
 * EntityAccessPicker and the ModulePermissionsField land, the interim fallbacks stand in.
 */
import type { Ref } from 'react';
import type { Module, ModulePermissions, Role } from '../adapter/types';
import { EntityAccessFallback, ModulePermissionsFallback, type EntityAccessValue } from './EditorFallbacks';

export interface EntityAccessFieldProps {
  value: EntityAccessValue;
  onValueChange: (value: EntityAccessValue) => void;
  label: string;
  variant?: 'popover' | 'inline';
  selectionMode?: 'multiple' | 'single';
  allowSubtrees?: boolean;
  disabled?: boolean;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  onBlur?: () => void;
  ref?: Ref<HTMLElement | null> | ((instance: unknown) => void);
  /** The translated error; the editor shows it under the field. */
  error?: string;
}

export function EntityAccessField({ error, ref: _ref, variant: _variant, onBlur: _onBlur, ...props }: EntityAccessFieldProps) {
  void error;
  return <EntityAccessFallback {...props} />;
}

export interface ModulePermissionsInputProps {
  value: ModulePermissions;
  onValueChange: (value: ModulePermissions) => void;
  role: Role | null | undefined;
  label: string;
  modules?: Module[];
  disabled?: boolean;
  id?: string;
  'aria-describedby'?: string;
}

export function ModulePermissionsInput(props: ModulePermissionsInputProps) {
  return <ModulePermissionsFallback {...props} />;
}
