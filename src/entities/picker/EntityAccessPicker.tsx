import {
  useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref,
} from 'react';
import type { Entity } from '../../contract/types';
import { translateError, useUserAdminTranslation } from '../../i18n';
import { Button, Chip, ErrorState, LoadingState, SearchField, StatusMessage, UserAdminRoot, cx } from '../../ui';
import { useEntityChildren } from '../useEntities';
import { useControllable } from '../../query/useControllable';
import { useComposedRefs } from '@radix-ui/react-compose-refs';
import * as Popover from '@radix-ui/react-popover';
import type { EntityAccessValue } from './selection';
import { useEntityAccessPicker, type EntityAccessSelectionMode, type UseEntityAccessPickerResult } from './useEntityAccessPicker';

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

const VISIBLE_CHIPS = 12;


interface TreeContext {
  picker: UseEntityAccessPickerResult;
  idBase: string;
  tabStop: string | null;
  onChosen: () => void;
}

const itemDomId = (idBase: string, key: string) => `${idBase}-item-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * The entity access picker: the entity hierarchy as a lazy tree (children load when an entity
 * opens), a server search with "select all matching", grants of an entity with all its
 * sub-accounts (present and future), and the selection as removable chips. A popover (a button
 * and a panel) or inline; `selectionMode="single"` for a contact's one entity. Controlled, and
 * usable in react-hook-form's `Controller` (forwards `id`, `aria-*`, `onBlur`, `ref`). Keyboard:
 * a WAI-ARIA tree (arrows, Right/Left open and close, Home/End, Space selects, Shift+Space
 * selects with the sub-accounts); Escape closes the popover and returns to its trigger. The
 * popover's `open` can be controlled (`open` + `onOpenChange`) or not (`defaultOpen`).
 * @example
 * const [value, setValue] = useState({ entityIds: [], subtreeEntityIds: [] });
 * <EntityAccessPicker label={t('invite.entities.label')} value={value} onValueChange={setValue} />
 * <Controller name="access" control={control} render={({ field }) => (
 *   <EntityAccessPicker label="Entities" value={field.value} onValueChange={field.onChange} onBlur={field.onBlur} ref={field.ref} />
 * )} />
 */
export function EntityAccessPicker({
  value, onValueChange, label, variant = 'popover', selectionMode = 'multiple', allowSubtrees, disabled = false, id,
  'aria-describedby': describedBy, 'aria-invalid': invalid, onBlur, ref, placeholder, showSelection = true, pageSize,
  selectAllLimit, className, open: openProp, defaultOpen = false, onOpenChange,
}: EntityAccessPickerProps) {
  const { t, format } = useUserAdminTranslation();
  const idBase = useId();
  const [open, setOpenState] = useControllable(openProp, defaultOpen, onOpenChange);
  const expanded = variant === 'inline' || open;
  const picker = useEntityAccessPicker({
    value, onValueChange, selectionMode, allowSubtrees, enabled: expanded && !disabled, pageSize, selectAllLimit,
  });
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const composedTriggerRef = useComposedRefs<HTMLElement>(triggerRef as Ref<HTMLElement>, ref);
  const composedSearchRef = useComposedRefs<HTMLElement>(searchRef as Ref<HTMLElement>, ref);
  const labelId = `${idBase}-label`;
  const summaryId = `${idBase}-summary`;
  const count = picker.value.entityIds.length;
  const single = selectionMode === 'single';

  // Radix Popover gives focus back to the trigger on close, unless the person pressed or
  // focused outside (focus stays where they put it); Escape closes the popover alone, not a
  // dialog around it (Radix's layer stack).
  const close = () => setOpenState(false);

  const onRootBlur = (event: FocusEvent<HTMLDivElement>) => {
    const next = event.relatedTarget as Node | null;
    if (next && rootRef.current?.contains(next)) return;
    onBlur?.();
  };

  const singleName = single && count > 0 ? chipName(t, picker.selected[0]) : null;
  const summary = count === 0
    ? (placeholder ?? t(single ? 'entityPicker.placeholderSingle' : 'entityPicker.placeholder'))
    : singleName ?? (count === 1 ? chipName(t, picker.selected[0]) : t('entityPicker.summary', { count, formatted: format.number(count) }));

  const onChosen = () => {
    if (single && variant === 'popover') close();
  };

  const body = (
    <PickerBody
      picker={picker}
      label={label}
      idBase={idBase}
      treeId={variant === 'inline' ? id : undefined}
      describedBy={variant === 'inline' ? describedBy : undefined}
      invalid={variant === 'inline' ? invalid : undefined}
      searchRef={variant === 'inline' ? composedSearchRef : searchRef}
      onChosen={onChosen}
    />
  );

  const chips = showSelection && !(single && variant === 'popover') && count > 0
    ? <SelectionChips picker={picker} showCount={variant === 'inline' && !single} disabled={disabled} />
    : null;

  return (
    <UserAdminRoot className="uak-entity-picker-root">
      <div
        ref={rootRef}
        className={cx('uak-entity-picker', className)}
        data-slot="entity-access-picker"
        data-variant={variant}
        data-state={expanded ? 'open' : 'closed'}
        data-mode={selectionMode}
        onBlur={onRootBlur}
      >
        {variant === 'popover' ? (
          <Popover.Root open={open} onOpenChange={setOpenState}>
            <Popover.Trigger asChild>
              {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- the picker is a form field and this button its control, so it carries the field's aria-invalid (as the tree does inline) */}
              <button
                type="button"
                ref={composedTriggerRef}
                id={id}
                className="uak-entity-picker-trigger"
                data-slot="entity-access-picker-trigger"
                aria-labelledby={`${labelId} ${summaryId}`}
                aria-describedby={describedBy}
                aria-invalid={invalid ? true : undefined}
                disabled={disabled}
                onKeyDown={(event) => {
                  if (event.key === 'ArrowDown' && !open) {
                    event.preventDefault();
                    setOpenState(true);
                  }
                }}
              >
                <span id={labelId} className="uak-sr-only">{label}</span>
                <span id={summaryId} className="uak-entity-picker-summary" data-empty={count === 0 ? '' : undefined}>{summary}</span>
                <span className="uak-entity-picker-caret" aria-hidden="true" />
              </button>
            </Popover.Trigger>
            <Popover.Content
              aria-label={label}
              align="start"
              sideOffset={6}
              collisionPadding={8}
              className="uak-entity-picker-panel"
              data-slot="entity-access-picker-panel"
              // Opening puts the cursor in the search field.
              onOpenAutoFocus={(event) => {
                event.preventDefault();
                searchRef.current?.focus();
              }}
            >
              {body}
              <div className="uak-entity-picker-footer" data-slot="entity-access-picker-footer">
                {!single && count > 0 ? (
                  <span className="uak-muted" data-slot="entity-access-picker-count">
                    {t('entityPicker.summary', { count, formatted: format.number(count) })}
                  </span>
                ) : null}
                <Button size="sm" variant="primary" onClick={close} className="uak-entity-picker-done">
                  {t('entityPicker.done')}
                </Button>
              </div>
            </Popover.Content>
            {chips}
          </Popover.Root>
        ) : (
          <div className="uak-entity-picker-inline" data-slot="entity-access-picker-inline" aria-disabled={disabled || undefined}>
            {chips}
            {disabled ? null : body}
          </div>
        )}
      </div>
    </UserAdminRoot>
  );
}

function chipName(t: ReturnType<typeof useUserAdminTranslation>['t'], item: UseEntityAccessPickerResult['selected'][number] | undefined): string {
  if (!item) return '';
  if (item.entity) return item.entity.name;
  return item.status === 'missing' ? t('entityPicker.chipUnknown') : t('entityPicker.chipLoading');
}

function SelectionChips({ picker, showCount, disabled }: { picker: UseEntityAccessPickerResult; showCount: boolean; disabled: boolean }) {
  const { t, format } = useUserAdminTranslation();
  const [all, setAll] = useState(false);
  const count = picker.selected.length;
  const shown = all ? picker.selected : picker.selected.slice(0, VISIBLE_CHIPS);
  return (
    <div className="uak-entity-picker-selection" data-slot="entity-access-picker-selection">
      {showCount ? (
        <p className="uak-entity-picker-count" data-slot="entity-access-picker-count">
          {t('entityPicker.summary', { count, formatted: format.number(count) })}
        </p>
      ) : null}
      <ul className="uak-entity-picker-chips" aria-label={t('entityPicker.selection')}>
        {shown.map((item) => {
          const name = chipName(t, item);
          return (
            <li key={item.id} data-state={item.status} data-subtree={item.subtree ? '' : undefined}>
              <Chip
                tone={item.status === 'missing' ? 'warning' : 'neutral'}
                description={item.subtree ? t('entityPicker.subtreeOn') : undefined}
                onRemove={disabled ? undefined : () => picker.remove(item.id)}
                removeLabel={t('entityPicker.remove', { name })}
                data-slot="entity-access-picker-chip"
              >
                {name}
              </Chip>
            </li>
          );
        })}
      </ul>
      {count > VISIBLE_CHIPS || (count > 1 && !disabled) ? (
        <div className="uak-entity-picker-selection-actions">
          {count > VISIBLE_CHIPS ? (
            <Button size="sm" variant="ghost" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? t('entityPicker.showFewer') : t('entityPicker.showAll', { total: format.number(count) })}
            </Button>
          ) : null}
          {count > 1 && !disabled ? (
            <Button size="sm" variant="ghost" onClick={picker.clear} className="uak-entity-picker-clear">{t('entityPicker.clear')}</Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

interface PickerBodyProps {
  picker: UseEntityAccessPickerResult;
  label: string;
  idBase: string;
  treeId?: string;
  describedBy?: string;
  invalid?: boolean | 'true';
  searchRef: Ref<HTMLInputElement>;
  onChosen: () => void;
}

function PickerBody({ picker, label, idBase, treeId, describedBy, invalid, searchRef, onChosen }: PickerBodyProps) {
  const { t, format } = useUserAdminTranslation();
  const treeRef = useRef<HTMLDivElement>(null);
  const hintId = `${idBase}-hint`;
  const { top, isSearching, selectAll } = picker;
  const tabStop = picker.activeId ?? top.items[0]?.id ?? null;
  const single = picker.selectionMode === 'single';

  const focusTabStop = () => {
    const tree = treeRef.current;
    const item = tree?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]') ?? tree?.querySelector<HTMLElement>('[role="treeitem"]');
    item?.focus();
  };

  const onTreeKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const tree = treeRef.current;
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!tree || !item) return;
    const items = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
    const index = items.indexOf(item);
    const entityId = item.dataset.entityId;
    const focus = (target: HTMLElement | null | undefined) => {
      event.preventDefault();
      target?.focus();
    };
    switch (event.key) {
      case 'ArrowDown': return focus(items[index + 1]);
      case 'ArrowUp': return focus(items[index - 1]);
      case 'Home': return focus(items[0]);
      case 'End': return focus(items[items.length - 1]);
      case 'ArrowRight': {
        event.preventDefault();
        if (!entityId) return;
        const state = item.getAttribute('aria-expanded');
        if (state === 'false') picker.setOpen(entityId, true);
        else if (state === 'true' && items[index + 1]?.dataset.parentKey === entityId) items[index + 1]!.focus();
        return;
      }
      case 'ArrowLeft': {
        event.preventDefault();
        if (entityId && item.getAttribute('aria-expanded') === 'true') return picker.setOpen(entityId, false);
        const parentKey = item.dataset.parentKey;
        if (parentKey) items.find((candidate) => candidate.dataset.entityId === parentKey)?.focus();
        return;
      }
      case ' ':
      case 'Enter': {
        event.preventDefault();
        if (event.key === ' ' && event.shiftKey && entityId && picker.allowSubtrees && item.dataset.hasChildren !== undefined) {
          picker.toggleSubtree(entityId);
          return;
        }
        item.click();
        return;
      }
      default:
    }
  };

  const matching = top.total;
  const limit = picker.selectAllLimit;

  return (
    <div className="uak-entity-picker-body" data-slot="entity-access-picker-body">
      <SearchField
        ref={searchRef}
        label={t('entityPicker.search')}
        value={picker.search}
        onValueChange={picker.setSearch}
        className="uak-entity-picker-search"
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            focusTabStop();
          }
        }}
      />
      {isSearching && !top.isLoading && !top.error ? (
        <div className="uak-entity-picker-matches" data-slot="entity-access-picker-matches">
          <span className="uak-muted" role="status">{t('entityPicker.results', { count: matching, formatted: format.number(matching) })}</span>
          {!single && matching > 0 ? (
            <Button
              size="sm"
              pending={selectAll.status === 'pending'}
              onClick={() => void picker.selectAllMatching()}
              className="uak-entity-picker-select-all"
            >
              {matching > limit
                ? t('entityPicker.selectAllCapped', { limit: format.number(limit), total: format.number(matching) })
                : t('entityPicker.selectAll', { count: matching, formatted: format.number(matching) })}
            </Button>
          ) : null}
        </div>
      ) : null}
      {selectAll.status === 'done' ? (
        <StatusMessage tone={selectAll.outcome.capped ? 'warning' : 'success'} data-slot="entity-access-picker-select-all-outcome">
          {selectAll.outcome.capped
            ? t('entityPicker.selectedCapped', { limit: format.number(selectAll.outcome.limit), total: format.number(selectAll.outcome.total) })
            : t('entityPicker.selectedAll', { count: selectAll.outcome.selected, formatted: format.number(selectAll.outcome.selected) })}
        </StatusMessage>
      ) : selectAll.status === 'error' ? (
        <StatusMessage tone="error">{translateError(t, selectAll.error)}</StatusMessage>
      ) : null}
      {top.isLoading ? (
        <LoadingState label={t('entityPicker.loading')} rows={3} />
      ) : top.error ? (
        <ErrorState error={top.error} onRetry={top.refetch} />
      ) : top.items.length === 0 ? (
        <p className="uak-muted uak-entity-picker-empty" data-slot="entity-access-picker-empty">
          {isSearching ? t('entityPicker.empty') : t('entityPicker.emptyTree')}
        </p>
      ) : (
        // eslint-disable-next-line jsx-a11y/interactive-supports-focus -- roving tabindex: the focus goes to one treeitem, not the tree
        <div
          ref={treeRef}
          id={treeId}
          role="tree"
          aria-label={label}
          aria-multiselectable={single ? undefined : true}
          aria-describedby={[hintId, describedBy].filter(Boolean).join(' ')}
          aria-invalid={invalid ? true : undefined}
          aria-busy={top.isFetching || undefined}
          className="uak-entity-picker-tree"
          data-slot="entity-access-picker-tree"
          onKeyDown={onTreeKeyDown}
        >
          <TreeLevel
            context={{ picker, idBase, tabStop, onChosen }}
            items={top.items}
            total={top.total}
            level={1}
            parentKey={undefined}
            hasNextPage={top.hasNextPage}
            isFetchingNextPage={top.isFetchingNextPage}
            fetchNextPage={top.fetchNextPage}
          />
        </div>
      )}
      <p id={hintId} className="uak-field-hint uak-entity-picker-hint">
        {single ? t('entityPicker.hintSingle') : picker.allowSubtrees ? t('entityPicker.hintSubtrees') : t('entityPicker.hint')}
        {picker.scoped ? <span data-slot="entity-picker-scoped-hint">{` ${t('entityPicker.scopedHint')}`}</span> : null}
      </p>
    </div>
  );
}

interface TreeLevelProps {
  context: TreeContext;
  items: Entity[];
  total: number;
  level: number;
  parentKey: string | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}

function TreeLevel({ context, items, total, level, parentKey, hasNextPage, isFetchingNextPage, fetchNextPage }: TreeLevelProps) {
  const { t, format } = useUserAdminTranslation();
  const moreKey = `more:${parentKey ?? 'top'}`;
  const setSize = Math.max(total, items.length);
  // "Show more" from the keyboard puts focus on the first entity it loaded.
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    const at = focusAt.current;
    const entity = at === null ? undefined : items[at];
    if (!entity) return;
    focusAt.current = null;
    document.getElementById(itemDomId(context.idBase, entity.id))?.focus();
  }, [items, context.idBase]);
  return (
    <>
      {items.map((entity, index) => (
        <TreeNode key={entity.id} context={context} entity={entity} level={level} posInSet={index + 1} setSize={setSize} parentKey={parentKey} />
      ))}
      {hasNextPage ? (
        <SpecialItem
          context={context}
          itemKey={moreKey}
          level={level}
          parentKey={parentKey}
          kind="load-more"
          busy={isFetchingNextPage}
          onActivate={() => {
            const node = document.getElementById(itemDomId(context.idBase, moreKey));
            focusAt.current = node && document.activeElement === node ? items.length : null;
            fetchNextPage();
          }}
        >
          {t('entityPicker.loadMore', { shown: format.number(items.length), total: format.number(total) })}
        </SpecialItem>
      ) : null}
    </>
  );
}

function SpecialItem({ context, itemKey, level, parentKey, kind, busy, onActivate, children }: {
  context: TreeContext; itemKey: string; level: number; parentKey: string | undefined; kind: 'load-more' | 'loading' | 'error';
  busy?: boolean; onActivate?: () => void; children: ReactNode;
}) {
  const { picker, idBase, tabStop } = context;
  const ref = useRef<HTMLDivElement>(null);
  // This item goes away once loaded; if it had focus, focus goes to what replaced it (or the parent).
  useEffect(() => {
    const node = ref.current;
    const tree = node?.closest<HTMLElement>('[role="tree"]');
    const position = node && tree
      ? [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((i) => i.dataset.parentKey === node.dataset.parentKey).indexOf(node)
      : -1;
    return () => {
      if (!node || !tree || document.activeElement !== node) return;
      queueMicrotask(() => {
        const siblings = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((i) => i.dataset.parentKey === parentKey);
        const parent = parentKey ? tree.querySelector<HTMLElement>(`[data-entity-id="${CSS.escape(parentKey)}"]`) : null;
        (siblings[position] ?? siblings[siblings.length - 1] ?? parent)?.focus();
      });
    };
  }, [parentKey]);
  return (
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the tree's onKeyDown handles Enter and Space for the active item
    <div
      ref={ref}
      role="treeitem"
      id={itemDomId(idBase, itemKey)}
      aria-selected={picker.selectionMode === 'single' ? false : undefined}
      aria-level={level}
      aria-disabled={kind === 'loading' ? true : undefined}
      aria-busy={busy || undefined}
      tabIndex={tabStop === itemKey ? 0 : -1}
      data-parent-key={parentKey}
      data-kind={kind}
      className="uak-entity-picker-item uak-entity-picker-special"
      data-slot={`entity-access-picker-${kind}`}
      style={{ ['--uak-tree-level' as string]: level }}
      onFocus={() => picker.setActiveId(itemKey)}
      onClick={() => {
        if (!busy) onActivate?.();
      }}
    >
      {children}
    </div>
  );
}

function TreeNode({ context, entity, level, posInSet, setSize, parentKey }: {
  context: TreeContext; entity: Entity; level: number; posInSet: number; setSize: number; parentKey: string | undefined;
}) {
  const { t } = useUserAdminTranslation();
  const { picker, idBase, tabStop, onChosen } = context;
  const hasChildren = entity.childCount > 0;
  const open = hasChildren && picker.isOpen(entity.id);
  const children = useEntityChildren(entity.id, { enabled: open, pageSize: picker.pageSize });
  const single = picker.selectionMode === 'single';
  const selected = picker.isSelected(entity.id);
  const subtree = picker.isSubtree(entity.id);
  const includedById = single ? null : picker.includedBy(entity.id);
  const includedByName = includedById ? picker.entity(includedById)?.name : undefined;
  const checked = selected || includedById !== null;
  const state = includedById ? 'included' : selected ? 'checked' : 'unchecked';

  const onClick = () => {
    if (includedById) return;
    picker.toggle(entity.id);
    if (single && !selected) onChosen();
  };

  return (
    <>
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the tree's onKeyDown handles Enter and Space for the active item */}
      <div
        role="treeitem"
        id={itemDomId(idBase, entity.id)}
        aria-level={level}
        aria-posinset={posInSet}
        aria-setsize={setSize}
        aria-expanded={hasChildren ? open : undefined}
        aria-checked={single ? undefined : checked}
        aria-selected={single ? selected : undefined}
        aria-disabled={includedById ? true : undefined}
        tabIndex={tabStop === entity.id ? 0 : -1}
        data-entity-id={entity.id}
        data-parent-key={parentKey}
        data-has-children={hasChildren ? '' : undefined}
        data-state={state}
        data-kind={entity.kind}
        className="uak-entity-picker-item"
        data-slot="entity-access-picker-item"
        style={{ ['--uak-tree-level' as string]: level }}
        onFocus={(event) => {
          if (event.target === event.currentTarget) picker.setActiveId(entity.id);
        }}
        onClick={onClick}
      >
        <span
          className="uak-entity-picker-expander"
          aria-hidden="true"
          data-state={hasChildren ? (open ? 'open' : 'closed') : 'leaf'}
          onClick={(event: MouseEvent) => {
            if (!hasChildren) return;
            event.stopPropagation();
            picker.setOpen(entity.id, !open);
          }}
        />
        <span className="uak-entity-picker-check" aria-hidden="true" data-state={state} data-mode={picker.selectionMode} />
        <span className="uak-entity-picker-name">{entity.name}</span>
        <span className="uak-entity-picker-kind">{t(`entityKind.${entity.kind}`)}</span>
        {subtree ? <span className="uak-entity-picker-subtree" data-slot="entity-access-picker-subtree">{t('entityPicker.subtreeOn')}</span> : null}
        {includedById ? (
          <span className="uak-entity-picker-included" data-slot="entity-access-picker-included">
            {includedByName ? t('entityPicker.includedWith', { name: includedByName }) : t('entityPicker.includedWithParent')}
          </span>
        ) : null}
        {picker.allowSubtrees && hasChildren && !includedById ? (
          <span
            className="uak-entity-picker-subtree-toggle"
            aria-hidden="true"
            data-slot="entity-access-picker-subtree-toggle"
            data-state={subtree ? 'on' : 'off'}
            onClick={(event: MouseEvent) => {
              event.stopPropagation();
              picker.toggleSubtree(entity.id);
            }}
          >
            {subtree ? t('entityPicker.subtreeRemove') : t('entityPicker.subtreeOffer')}
          </span>
        ) : null}
      </div>
      {open ? (
        children.isLoading ? (
          <SpecialItem context={context} itemKey={`loading:${entity.id}`} level={level + 1} parentKey={entity.id} kind="loading">
            {t('entityPicker.loading')}
          </SpecialItem>
        ) : children.error ? (
          <SpecialItem context={context} itemKey={`error:${entity.id}`} level={level + 1} parentKey={entity.id} kind="error" onActivate={children.refetch}>
            {t('entityPicker.loadError')}
          </SpecialItem>
        ) : (
          <TreeLevel
            context={context}
            items={children.items}
            total={children.total}
            level={level + 1}
            parentKey={entity.id}
            hasNextPage={children.hasNextPage}
            isFetchingNextPage={children.isFetchingNextPage}
            fetchNextPage={children.fetchNextPage}
          />
        )
      ) : null}
    </>
  );
}
