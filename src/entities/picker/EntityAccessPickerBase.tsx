import { createContext, useContext, useId, useRef, type ReactNode, type Ref, type RefObject } from 'react';
import { useControllable } from '../../query/useControllable';
import { splitProps } from '../../ui/splitProps';
import { useEntityAccessPicker, type UseEntityAccessPickerOptions, type UseEntityAccessPickerResult } from './useEntityAccessPicker';
import { withRef } from '../../ui/withRef';

/** A button opening a panel, or the tree always shown. */
export type EntityAccessPickerVariant = 'popover' | 'inline';

/** What {@link EntityAccessPickerBase} shares with the picker's parts (`EntityAccessPicker.Trigger`, `.Tree`…). */
export interface EntityAccessPickerContextValue {
  /** The picker's state: {@link useEntityAccessPicker}'s result. */
  picker: UseEntityAccessPickerResult;
  /** The accessible name of the trigger, the panel and the tree. */
  label: string;
  variant: EntityAccessPickerVariant;
  disabled: boolean;
  /** Whether the popover is open (controlled or not). */
  open: boolean;
  /** Opens or closes the popover (tells `onOpenChange`). */
  setOpen(open: boolean): void;
  /** Whether the tree shows: inline, or the popover open. */
  expanded: boolean;
  /** Prefix of the ids of the trigger's label and summary, the hint and the tree items. */
  idBase: string;
  /** The field's id: the trigger's (popover) or the tree's (inline). */
  id: string | undefined;
  /** The field's description, on the trigger (popover) or the tree (inline). */
  describedBy: string | undefined;
  /** The field's invalid state, on the trigger (popover) or the tree (inline). */
  invalid: boolean | 'true' | undefined;
  /** Called when focus leaves the root (`EntityAccessPicker.Root`). */
  onBlur: (() => void) | undefined;
  /** The host's focus target: given the trigger (popover) or the search field (inline). */
  focusRef: Ref<HTMLElement> | undefined;
  /** The root element (`EntityAccessPicker.Root`), to tell focus leaving it. */
  rootRef: RefObject<HTMLDivElement | null>;
  /** The search field, focused when the popover opens. */
  searchRef: RefObject<HTMLInputElement | null>;
  /** The tree, whose tab stop ArrowDown in the search field focuses. */
  treeRef: RefObject<HTMLDivElement | null>;
  /** An entity was chosen in the tree: closes the popover in single mode. */
  onChosen(): void;
}

/** `null` outside {@link EntityAccessPickerBase}. */
export const EntityAccessPickerContext = createContext<EntityAccessPickerContextValue | null>(null);
EntityAccessPickerContext.displayName = 'EntityAccessPickerContext';

/**
 * The nearest {@link EntityAccessPickerBase}'s state, for a part of the host's own between the
 * picker's parts. Throws outside one.
 * @example
 * function Picked() {
 *   const { picker } = useEntityAccessPickerContext();
 *   return <p>{picker.value.entityIds.length}</p>;
 * }
 */
export function useEntityAccessPickerContext(): EntityAccessPickerContextValue {
  const context = useContext(EntityAccessPickerContext);
  if (!context) throw new Error('`useEntityAccessPickerContext` must be used within <EntityAccessPickerBase> (or <EntityAccessPicker>).');
  return context;
}

/** The Base's own options, beside {@link useEntityAccessPicker}'s: the field and the popover's open state. */
export interface EntityAccessPickerFieldOptions {
  /** The accessible name of the trigger and of the tree. */
  label: string;
  /** A button opening a panel, or the tree always shown. Defaults to `'popover'`. */
  variant?: EntityAccessPickerVariant;
  /** Defaults to `false`. */
  disabled?: boolean;
  /** The id of the trigger (popover) or of the tree (inline), for a `<label htmlFor>`. Defaults to none. */
  id?: string;
  /** Defaults to none. */
  'aria-describedby'?: string;
  /** Defaults to none. */
  'aria-invalid'?: boolean | 'true';
  /** Called when focus leaves the picker (react-hook-form's `onBlur`). Defaults to none. */
  onBlur?(): void;
  /** Focuses the trigger (popover) or the search field (inline), so react-hook-form's `setFocus` works. Defaults to none. */
  ref?: Ref<HTMLElement>;
  /** Whether the popover is open, for a controlled popover (ignored inline). Defaults to uncontrolled. */
  open?: boolean;
  /** Whether an uncontrolled popover starts open. Defaults to `false`. */
  defaultOpen?: boolean;
  /** Called when the popover asks to open or close (trigger, Escape, a press outside, focus leaving). Defaults to none. */
  onOpenChange?(open: boolean): void;
}

/**
 * Props of {@link EntityAccessPickerBase}: every option of {@link useEntityAccessPicker} (`enabled`
 * defaults to whether the tree shows), the field's, and the parts.
 */
export interface EntityAccessPickerBaseProps extends UseEntityAccessPickerOptions, EntityAccessPickerFieldOptions {
  children?: ReactNode;
}

/**
 * The entity access picker's state without markup (react-admin's `ListBase`): it runs
 * {@link useEntityAccessPicker} (loading the tree only while it shows) and the popover's open
 * state, controlled (`open` + `onOpenChange`) or not (`defaultOpen`), and gives them to the parts
 * inside through context. Compose the parts you want, with your own between them.
 * @example
 * <EntityAccessPickerBase label="Entities" value={value} onValueChange={setValue}>
 *   <EntityAccessPicker.Root>
 *     <EntityAccessPicker.Trigger />
 *     <EntityAccessPicker.Popover>
 *       <EntityAccessPicker.Content />
 *       <MyNote />
 *       <EntityAccessPicker.Footer />
 *     </EntityAccessPicker.Popover>
 *     <EntityAccessPicker.Chips />
 *   </EntityAccessPicker.Root>
 * </EntityAccessPickerBase>
 */
export const EntityAccessPickerBase = withRef(function EntityAccessPickerBase({
  children, label, variant = 'popover', disabled = false, id, 'aria-describedby': describedBy, 'aria-invalid': invalid,
  onBlur, ref, open: openProp, defaultOpen = false, onOpenChange, enabled = true, ...options
}: EntityAccessPickerBaseProps) {
  const idBase = useId();
  const [open, setOpen] = useControllable(openProp, defaultOpen, onOpenChange);
  const expanded = variant === 'inline' || open;
  const picker = useEntityAccessPicker({ ...options, enabled: enabled && expanded && !disabled });
  const rootRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  // Not memoized: `picker` is new at every render of the picker state, and so is this value.
  const value: EntityAccessPickerContextValue = {
    picker, label, variant, disabled, open, setOpen, expanded, idBase, id, describedBy, invalid, onBlur,
    focusRef: ref, rootRef, searchRef, treeRef,
    onChosen: () => {
      if (picker.selectionMode === 'single' && variant === 'popover') setOpen(false);
    },
  };
  return <EntityAccessPickerContext.Provider value={value}>{children}</EntityAccessPickerContext.Provider>;
});

/**
 * The names of the Base's options ({@link useEntityAccessPicker}'s and the field's), to tell them
 * from the view props. `_everyOptionListed` fails to compile when one is missing.
 */
const OPTION_KEYS = [
  'value', 'onValueChange', 'selectionMode', 'allowSubtrees', 'enabled', 'pageSize', 'searchPageSize', 'selectAllLimit',
  'label', 'variant', 'disabled', 'id', 'aria-describedby', 'aria-invalid', 'onBlur', 'ref', 'open', 'defaultOpen', 'onOpenChange',
] as const satisfies readonly (keyof EntityAccessPickerBaseOptions)[];
type EntityAccessPickerBaseOptions = Omit<EntityAccessPickerBaseProps, 'children'>;
type UnlistedOption = Exclude<keyof EntityAccessPickerBaseOptions, (typeof OPTION_KEYS)[number]>;
// A type error here names an option of the Base (or of useEntityAccessPicker) missing from OPTION_KEYS.
const _everyOptionListed: [UnlistedOption] extends [never] ? true : UnlistedOption = true;
void _everyOptionListed;

/** Splits props into the Base's options and the rest (view props). */
export function splitEntityAccessPickerOptions<P extends Partial<EntityAccessPickerBaseOptions>>(
  props: P,
): [Pick<P, Extract<keyof P, keyof EntityAccessPickerBaseOptions>>, Omit<P, keyof EntityAccessPickerBaseOptions>] {
  const [options, rest] = splitProps(props, OPTION_KEYS);
  return [options as Pick<P, Extract<keyof P, keyof EntityAccessPickerBaseOptions>>, rest as Omit<P, keyof EntityAccessPickerBaseOptions>];
}
