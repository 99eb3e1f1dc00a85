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
import { EntityAccessPickerBase, splitEntityAccessPickerOptions, type EntityAccessPickerBaseProps } from './EntityAccessPickerBase';
import { withRef } from '../../ui/withRef';

/**
 * Props of {@link EntityAccessPicker}: the Base's (the hook's options and the field's; the tree
 * loads while it shows, so `enabled` is the component's), and the view's own.
 */
export interface EntityAccessPickerProps extends Omit<EntityAccessPickerBaseProps, 'children' | 'enabled'> {
  /** The trigger's text when nothing is selected. Defaults to `t('entityPicker.placeholder')` (or `placeholderSingle`). */
  placeholder?: string;
  /** Whether to show the selection as removable chips. Defaults to `true` (in single popover mode the trigger shows the choice instead). */
  showSelection?: boolean;
  /** Merged last on the root element. Defaults to none. */
  className?: string;
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
