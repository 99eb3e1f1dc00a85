import type { Ref } from 'react';
import {
  EntityAccessPickerChips,
  EntityAccessPickerContent,
  EntityAccessPickerFooter,
  EntityAccessPickerHint,
  EntityAccessPickerInline,
  EntityAccessPickerMatches,
  EntityAccessPickerPopover,
  EntityAccessPickerRoot,
  EntityAccessPickerSearch,
  EntityAccessPickerStatus,
  EntityAccessPickerSummary,
  EntityAccessPickerTree,
  EntityAccessPickerTrigger,
} from './EntityAccessPickerParts';
import { EntityAccessPickerBase, splitEntityAccessPickerOptions } from './EntityAccessPickerBase';
import type { EntityAccessValue } from './selection';
import type { EntityAccessSelectionMode } from './useEntityAccessPicker';
import { withRef } from '../../ui/withRef';

export interface EntityAccessPickerProps {
  /** The selection (controlled). */
  value: EntityAccessValue;
  /** Called with the next selection. */
  onValueChange(next: EntityAccessValue): void;
  /** The accessible name of the trigger and of the tree. */
  label: string;
  /** A button opening a panel, or the tree always shown. Defaults to `'popover'`. */
  variant?: 'popover' | 'inline';
  /** `single` chooses one entity (a contact's), like radio buttons, without subtree grants. Defaults to `'multiple'`. */
  selectionMode?: EntityAccessSelectionMode;
  /** Whether an entity can be granted with all its sub-accounts. Defaults to `settings.features.entitySubtrees !== false` in `multiple` mode. */
  allowSubtrees?: boolean;
  /** Defaults to `false`. */
  disabled?: boolean;
  /** The id of the trigger (popover) or of the tree (inline), for a `<label htmlFor>`. Defaults to a generated one. */
  id?: string;
  /** Defaults to none. */
  'aria-describedby'?: string;
  /** Defaults to none. */
  'aria-invalid'?: boolean | 'true';
  /** Called when focus leaves the picker (react-hook-form's `onBlur`). Defaults to none. */
  onBlur?(): void;
  /** Focuses the trigger (popover) or the search field (inline), so react-hook-form's `setFocus` works. Defaults to none. */
  ref?: Ref<HTMLElement>;
  /** The trigger's text when nothing is selected. Defaults to `t('entityPicker.placeholder')` (or `placeholderSingle`). */
  placeholder?: string;
  /** Whether to show the selection as removable chips. Defaults to `true` (in single popover mode the trigger shows the choice instead). */
  showSelection?: boolean;
  /** Children loaded per page when an entity opens. Defaults to 50. */
  pageSize?: number;
  /** The most entities "select all matching" selects at once. Defaults to 1,000. */
  selectAllLimit?: number;
  /** Merged last on the root element. Defaults to none. */
  className?: string;
  /** Whether the popover is open, for a controlled popover (ignored inline). Defaults to uncontrolled. */
  open?: boolean;
  /** Whether an uncontrolled popover starts open. Defaults to `false`. */
  defaultOpen?: boolean;
  /** Called when the popover asks to open or close (trigger, Escape, a press outside, focus leaving). Defaults to none. */
  onOpenChange?(open: boolean): void;
}

/**
 * The entity access picker: the entity hierarchy as a lazy tree (children load when an entity
 * opens), a server search with "select all matching", grants of an entity with all its
 * sub-accounts (present and future), and the selection as removable chips. A popover (a button
 * and a panel) or inline; `selectionMode="single"` for a contact's one entity. Controlled, and
 * usable in react-hook-form's `Controller` (forwards `id`, `aria-*`, `onBlur`, `ref`). Keyboard:
 * a WAI-ARIA tree (arrows, Right/Left open and close, Home/End, Space selects, Shift+Space
 * selects with the sub-accounts); Escape closes the popover and returns to its trigger. The
 * popover's `open` can be controlled (`open` + `onOpenChange`) or not (`defaultOpen`).
 *
 * It is the composition of its parts under {@link EntityAccessPickerBase}: `EntityAccessPicker.Root`,
 * then `.Trigger` (with `.Summary`), `.Popover` (`.Content` and `.Footer`) and `.Chips` in the
 * popover variant, or `.Inline` (`.Chips` and `.Content`) inline; `.Content` is `.Search`,
 * `.Matches`, `.Status`, `.Tree` and `.Hint`.
 * @example
 * const [value, setValue] = useState({ entityIds: [], subtreeEntityIds: [] });
 * <EntityAccessPicker label={t('invite.entities.label')} value={value} onValueChange={setValue} />
 * <Controller name="access" control={control} render={({ field }) => (
 *   <EntityAccessPicker label="Entities" value={field.value} onValueChange={field.onChange} onBlur={field.onBlur} ref={field.ref} />
 * )} />
 */
const EntityAccessPickerComponent = withRef(function EntityAccessPickerComponent(props: EntityAccessPickerProps) {
  const [options, { placeholder, showSelection = true, className }] = splitEntityAccessPickerOptions(props);
  const chips = showSelection ? <EntityAccessPickerChips /> : null;
  return (
    <EntityAccessPickerBase {...options}>
      <EntityAccessPickerRoot className={className}>
        {(options.variant ?? 'popover') === 'popover' ? (
          <>
            <EntityAccessPickerTrigger placeholder={placeholder} />
            <EntityAccessPickerPopover />
            {chips}
          </>
        ) : (
          <EntityAccessPickerInline>
            {chips}
            <EntityAccessPickerContent />
          </EntityAccessPickerInline>
        )}
      </EntityAccessPickerRoot>
    </EntityAccessPickerBase>
  );
});

/**
 * The entity access picker, and its parts for composing one's own (`EntityAccessPicker.Tree`…),
 * each also exported by its own name.
 */
export const EntityAccessPicker = Object.assign(EntityAccessPickerComponent, {
  Base: EntityAccessPickerBase,
  Root: EntityAccessPickerRoot,
  Trigger: EntityAccessPickerTrigger,
  Summary: EntityAccessPickerSummary,
  Popover: EntityAccessPickerPopover,
  Footer: EntityAccessPickerFooter,
  Inline: EntityAccessPickerInline,
  Chips: EntityAccessPickerChips,
  Content: EntityAccessPickerContent,
  Search: EntityAccessPickerSearch,
  Matches: EntityAccessPickerMatches,
  Status: EntityAccessPickerStatus,
  Tree: EntityAccessPickerTree,
  Hint: EntityAccessPickerHint,
});
