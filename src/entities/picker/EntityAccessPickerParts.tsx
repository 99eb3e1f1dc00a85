import { useEffect, useRef, useState, type ComponentProps, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref } from 'react';
import { useComposedRefs } from '@radix-ui/react-compose-refs';
import * as Popover from '@radix-ui/react-popover';
import type { Entity } from '../../contract/types';
import { translateError, useUserAdminTranslation } from '../../i18n';
import { Button, Chip, ErrorState, LoadingState, SearchField, StatusMessage, UserAdminRoot, composeEventHandlers, cx, type SearchFieldProps } from '../../ui';
import { useEntityChildren } from '../useEntities';
import { useEntityAccessPickerContext } from './EntityAccessPickerBase';
import type { UseEntityAccessPickerResult } from './useEntityAccessPicker';
import { readingDirection } from '../../ui/Tabs';
import { withRef } from '../../ui/withRef';

const VISIBLE_CHIPS = 12;

type Translate = ReturnType<typeof useUserAdminTranslation>['t'];

const itemDomId = (idBase: string, key: string) => `${idBase}-item-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function chipName(t: Translate, item: UseEntityAccessPickerResult['selected'][number] | undefined): string {
  if (!item) return '';
  if (item.entity) return item.entity.name;
  return item.status === 'missing' ? t('entityPicker.chipUnknown') : t('entityPicker.chipLoading');
}

/**
 * The picker's root element (`data-slot="entity-access-picker"`, with `data-variant`, `data-state`
 * and `data-mode`) in the library's theme scope; in the popover variant it holds the popover's
 * state for `EntityAccessPicker.Trigger` and `.Popover`. Focus leaving it calls the Base's
 * `onBlur`; the host's `className` and props go on it, its `onBlur` runs first.
 * @example
 * <EntityAccessPicker.Root className="my-picker">…</EntityAccessPicker.Root>
 */
export const EntityAccessPickerRoot = withRef(function EntityAccessPickerRoot({ className, onBlur, ref, children, ...props }: ComponentProps<'div'>) {
  const { picker, variant, expanded, open, setOpen, rootRef, onBlur: onFieldBlur } = useEntityAccessPickerContext();
  const composedRef = useComposedRefs(rootRef, ref);
  return (
    <UserAdminRoot className="uak-entity-picker-root">
      <div
        {...props}
        ref={composedRef}
        className={cx('uak-entity-picker', className)}
        data-slot="entity-access-picker"
        data-variant={variant}
        data-state={expanded ? 'open' : 'closed'}
        data-mode={picker.selectionMode}
        onBlur={composeEventHandlers(onBlur, (event) => {
          const next = event.relatedTarget as Node | null;
          if (next && rootRef.current?.contains(next)) return;
          onFieldBlur?.();
        })}
      >
        {variant === 'popover' ? <Popover.Root open={open} onOpenChange={setOpen}>{children}</Popover.Root> : children}
      </div>
    </UserAdminRoot>
  );
});

/** Props of {@link EntityAccessPickerTrigger}. */
export interface EntityAccessPickerTriggerProps extends ComponentProps<'button'> {
  /** The summary's text when nothing is selected. Defaults to `t('entityPicker.placeholder')` (or `placeholderSingle`). */
  placeholder?: string;
}

/**
 * The popover's button (popover variant only): the label for assistive technology, the summary of
 * the selection (`EntityAccessPicker.Summary`) and a caret, unless given its own children. It
 * carries the field's `id`, `aria-describedby` and `aria-invalid` and the Base's `ref`;
 * ArrowDown opens the popover.
 */
export const EntityAccessPickerTrigger = withRef(function EntityAccessPickerTrigger({ placeholder, className, onKeyDown, ref, children, ...props }: EntityAccessPickerTriggerProps) {
  const { label, variant, disabled, open, setOpen, idBase, id, describedBy, invalid, focusRef } = useEntityAccessPickerContext();
  const composedRef = useComposedRefs<HTMLButtonElement>(focusRef as Ref<HTMLButtonElement> | undefined, ref);
  if (variant !== 'popover') return null;
  const labelId = `${idBase}-label`;
  return (
    <Popover.Trigger asChild>
      {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- the picker is a form field and this button its control, so it carries the field's aria-invalid (as the tree does inline) */}
      <button
        {...props}
        type="button"
        ref={composedRef}
        id={id}
        className={cx('uak-entity-picker-trigger', className)}
        data-slot="entity-access-picker-trigger"
        aria-labelledby={`${labelId} ${idBase}-summary`}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        disabled={disabled}
        onKeyDown={composeEventHandlers(onKeyDown, (event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        })}
      >
        {children ?? (
          <>
            <span id={labelId} className="uak-sr-only">{label}</span>
            <EntityAccessPickerSummary placeholder={placeholder} />
            <span className="uak-entity-picker-caret" aria-hidden="true" />
          </>
        )}
      </button>
    </Popover.Trigger>
  );
});

/** Props of {@link EntityAccessPickerSummary}. */
export interface EntityAccessPickerSummaryProps extends ComponentProps<'span'> {
  /** The text when nothing is selected. Defaults to `t('entityPicker.placeholder')` (or `placeholderSingle`). */
  placeholder?: string;
}

/**
 * What is selected, in the trigger: the placeholder, the one entity's name, or how many are
 * selected (`data-empty` when none). Names the trigger with the label.
 */
export const EntityAccessPickerSummary = withRef(function EntityAccessPickerSummary({ placeholder, className, children, ...props }: EntityAccessPickerSummaryProps) {
  const { t, format } = useUserAdminTranslation();
  const { picker, idBase } = useEntityAccessPickerContext();
  const count = picker.value.entityIds.length;
  const single = picker.selectionMode === 'single';
  const singleName = single && count > 0 ? chipName(t, picker.selected[0]) : null;
  const summary = count === 0
    ? (placeholder ?? t(single ? 'entityPicker.placeholderSingle' : 'entityPicker.placeholder'))
    : singleName ?? (count === 1 ? chipName(t, picker.selected[0]) : t('entityPicker.summary', { count, formatted: format.number(count) }));
  return (
    <span
      {...props}
      id={`${idBase}-summary`}
      className={cx('uak-entity-picker-summary', className)}
      data-slot="entity-access-picker-summary"
      data-empty={count === 0 ? '' : undefined}
    >
      {children ?? summary}
    </span>
  );
});

/**
 * The popover's panel (popover variant only), named by the label: by default the search and tree
 * (`EntityAccessPicker.Content`) and the footer (`.Footer`). Opening puts the cursor in the search
 * field; Escape or a press outside closes it (Radix Popover, which gives focus back to the
 * trigger unless the person pressed or focused elsewhere). `align`, `sideOffset` and
 * `collisionPadding` can be changed.
 */
export const EntityAccessPickerPopover = withRef(function EntityAccessPickerPopover({ className, onOpenAutoFocus, children, ...props }: ComponentProps<typeof Popover.Content>) {
  const { label, variant, searchRef } = useEntityAccessPickerContext();
  if (variant !== 'popover') return null;
  return (
    <Popover.Content
      align="start"
      sideOffset={6}
      collisionPadding={8}
      {...props}
      aria-label={label}
      className={cx('uak-entity-picker-panel', className)}
      data-slot="entity-access-picker-panel"
      // Opening puts the cursor in the search field.
      onOpenAutoFocus={composeEventHandlers(onOpenAutoFocus, (event) => {
        event.preventDefault();
        searchRef.current?.focus();
      })}
    >
      {children ?? (
        <>
          <EntityAccessPickerContent />
          <EntityAccessPickerFooter />
        </>
      )}
    </Popover.Content>
  );
});

/** The popover's footer: how many are selected (multiple mode), the host's children, and a Done button closing the popover. */
export const EntityAccessPickerFooter = withRef(function EntityAccessPickerFooter({ className, children, ...props }: ComponentProps<'div'>) {
  const { t, format } = useUserAdminTranslation();
  const { picker, setOpen } = useEntityAccessPickerContext();
  const count = picker.value.entityIds.length;
  return (
    <div {...props} className={cx('uak-entity-picker-footer', className)} data-slot="entity-access-picker-footer">
      {picker.selectionMode !== 'single' && count > 0 ? (
        <span className="uak-muted" data-slot="entity-access-picker-count">
          {t('entityPicker.summary', { count, formatted: format.number(count) })}
        </span>
      ) : null}
      {children}
      <Button size="sm" variant="primary" onClick={() => setOpen(false)} className="uak-entity-picker-done">
        {t('entityPicker.done')}
      </Button>
    </div>
  );
});

/**
 * The inline variant's box (inline variant only; `aria-disabled` when disabled): by default the
 * selection (`EntityAccessPicker.Chips`) and the search and tree (`.Content`).
 */
export const EntityAccessPickerInline = withRef(function EntityAccessPickerInline({ className, children, ...props }: ComponentProps<'div'>) {
  const { variant, disabled } = useEntityAccessPickerContext();
  if (variant !== 'inline') return null;
  return (
    <div
      {...props}
      className={cx('uak-entity-picker-inline', className)}
      data-slot="entity-access-picker-inline"
      aria-disabled={disabled || undefined}
    >
      {children ?? (
        <>
          <EntityAccessPickerChips />
          <EntityAccessPickerContent />
        </>
      )}
    </div>
  );
});

/**
 * The selection as removable chips (none when disabled), the first 12 with "show all", and
 * "clear"; inline in multiple mode, how many are selected above them. Renders nothing when nothing
 * is selected, and in the single popover (whose trigger shows the choice).
 */
export const EntityAccessPickerChips = withRef(function EntityAccessPickerChips({ className, ...props }: Omit<ComponentProps<'div'>, 'children'>) {
  const { t, format } = useUserAdminTranslation();
  const { picker, variant, disabled } = useEntityAccessPickerContext();
  const [all, setAll] = useState(false);
  const single = picker.selectionMode === 'single';
  const count = picker.selected.length;
  if (count === 0 || (single && variant === 'popover')) return null;
  const shown = all ? picker.selected : picker.selected.slice(0, VISIBLE_CHIPS);
  return (
    <div {...props} className={cx('uak-entity-picker-selection', className)} data-slot="entity-access-picker-selection">
      {variant === 'inline' && !single ? (
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
});

/**
 * The search and the tree: by default the search field (`EntityAccessPicker.Search`), the count of
 * matches with "select all matching" (`.Matches`), what that did (`.Status`), the tree (`.Tree`)
 * and the keyboard hint (`.Hint`). Renders nothing inline when disabled.
 */
export const EntityAccessPickerContent = withRef(function EntityAccessPickerContent({ className, children, ...props }: ComponentProps<'div'>) {
  const { variant, disabled } = useEntityAccessPickerContext();
  if (variant === 'inline' && disabled) return null;
  return (
    <div {...props} className={cx('uak-entity-picker-body', className)} data-slot="entity-access-picker-body">
      {children ?? (
        <>
          <EntityAccessPickerSearch />
          <EntityAccessPickerMatches />
          <EntityAccessPickerStatus />
          <EntityAccessPickerTree />
          <EntityAccessPickerHint />
        </>
      )}
    </div>
  );
});

/** Props of {@link EntityAccessPickerSearch}: the search field's, but its value. */
export interface EntityAccessPickerSearchProps extends Omit<SearchFieldProps, 'value' | 'onValueChange' | 'label'> {
  /** The field's label. Defaults to `t('entityPicker.search')`. */
  label?: string;
}

/**
 * The server search over the entities (debounced); ArrowDown goes to the tree. Inline, it is the
 * Base's `ref` (the focus target).
 */
export const EntityAccessPickerSearch = withRef(function EntityAccessPickerSearch({ label, className, onKeyDown, ref, ...props }: EntityAccessPickerSearchProps) {
  const { t } = useUserAdminTranslation();
  const { picker, variant, searchRef, treeRef, focusRef } = useEntityAccessPickerContext();
  const composedRef = useComposedRefs<HTMLInputElement>(
    searchRef,
    (variant === 'inline' ? focusRef : undefined) as Ref<HTMLInputElement> | undefined,
    ref,
  );
  return (
    <SearchField
      {...props}
      ref={composedRef}
      label={label ?? t('entityPicker.search')}
      value={picker.search}
      onValueChange={picker.setSearch}
      className={cx('uak-entity-picker-search', className)}
      onKeyDown={composeEventHandlers(onKeyDown, (event) => {
        if (event.key === 'ArrowDown') {
          event.preventDefault();
          const tree = treeRef.current;
          const item = tree?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]') ?? tree?.querySelector<HTMLElement>('[role="treeitem"]');
          item?.focus();
        }
      })}
    />
  );
});

/**
 * While searching: how many entities match (a live status), and in multiple mode "select all
 * matching" (up to the limit). Renders nothing otherwise.
 */
export const EntityAccessPickerMatches = withRef(function EntityAccessPickerMatches({ className, ...props }: Omit<ComponentProps<'div'>, 'children'>) {
  const { t, format } = useUserAdminTranslation();
  const { picker } = useEntityAccessPickerContext();
  const { top, isSearching, selectAll } = picker;
  if (!isSearching || top.isLoading || top.error) return null;
  const matching = top.total;
  const limit = picker.selectAllLimit;
  return (
    <div {...props} className={cx('uak-entity-picker-matches', className)} data-slot="entity-access-picker-matches">
      <span className="uak-muted" role="status">{t('entityPicker.results', { count: matching, formatted: format.number(matching) })}</span>
      {picker.selectionMode !== 'single' && matching > 0 ? (
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
  );
});

/**
 * What "select all matching" did: how many it selected (a warning when the limit stopped it), or
 * why it failed. Renders nothing before.
 */
export const EntityAccessPickerStatus = withRef(function EntityAccessPickerStatus({ className, ...props }: Omit<ComponentProps<'div'>, 'children'>) {
  const { t, format } = useUserAdminTranslation();
  const { picker } = useEntityAccessPickerContext();
  const { selectAll } = picker;
  if (selectAll.status === 'done') {
    const { outcome } = selectAll;
    return (
      <StatusMessage {...props} tone={outcome.capped ? 'warning' : 'success'} className={className} data-slot="entity-access-picker-select-all-outcome">
        {outcome.capped
          ? t('entityPicker.selectedCapped', { limit: format.number(outcome.limit), total: format.number(outcome.total) })
          : t('entityPicker.selectedAll', { count: outcome.selected, formatted: format.number(outcome.selected) })}
      </StatusMessage>
    );
  }
  if (selectAll.status === 'error') {
    return (
      <StatusMessage {...props} tone="error" className={className} data-slot="entity-access-picker-select-all-error">
        {translateError(t, selectAll.error)}
      </StatusMessage>
    );
  }
  return null;
});

/**
 * The entities as a WAI-ARIA tree (`data-slot="entity-access-picker-tree"`): the roots (or the
 * search's matches), children loading as an entity opens, "show more" per level. Keyboard: arrows,
 * Right/Left open and close (Left/Right in a right-to-left tree), Home/End, Space selects, Shift+Space selects with the sub-accounts.
 * In its place while loading, on an error (with a retry) or when empty, what happened. Inline, it
 * carries the field's `id`, `aria-describedby` and `aria-invalid`; the host's props go on the tree.
 */
export const EntityAccessPickerTree = withRef(function EntityAccessPickerTree({ className, onKeyDown, ref, ...props }: Omit<ComponentProps<'div'>, 'children'>) {
  const { t } = useUserAdminTranslation();
  const { picker, label, variant, idBase, id, describedBy, invalid, treeRef, onChosen } = useEntityAccessPickerContext();
  const composedRef = useComposedRefs(treeRef, ref);
  const { top, isSearching } = picker;
  const tabStop = picker.activeId ?? top.items[0]?.id ?? null;
  const single = picker.selectionMode === 'single';
  const inline = variant === 'inline';

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
    // Right opens and Left closes in a left-to-right tree; the other way round in a right-to-left
    // one (WAI-ARIA tree pattern). The direction is the closest [dir] attribute's: no style read.
    const rtl = (event.key === 'ArrowLeft' || event.key === 'ArrowRight') && readingDirection(tree) === 'rtl';
    const key = rtl ? ({ ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' } as Record<string, string>)[event.key]! : event.key;
    switch (key) {
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

  if (top.isLoading) return <LoadingState label={t('entityPicker.loading')} rows={3} />;
  if (top.error) return <ErrorState error={top.error} onRetry={top.refetch} />;
  if (top.items.length === 0) {
    return (
      <p className="uak-muted uak-entity-picker-empty" data-slot="entity-access-picker-empty">
        {isSearching ? t('entityPicker.empty') : t('entityPicker.emptyTree')}
      </p>
    );
  }
  return (
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus -- roving tabindex: the focus goes to one treeitem, not the tree
    <div
      {...props}
      ref={composedRef}
      id={inline ? id : undefined}
      role="tree"
      aria-label={label}
      aria-multiselectable={single ? undefined : true}
      aria-describedby={[`${idBase}-hint`, inline ? describedBy : undefined].filter(Boolean).join(' ')}
      aria-invalid={inline && invalid ? true : undefined}
      aria-busy={top.isFetching || undefined}
      className={cx('uak-entity-picker-tree', className)}
      data-slot="entity-access-picker-tree"
      onKeyDown={composeEventHandlers(onKeyDown, onTreeKeyDown)}
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
  );
});

/**
 * How to use the tree from the keyboard (the tree's description), and for a scoped admin why some
 * entities are missing; the host's children after.
 */
export const EntityAccessPickerHint = withRef(function EntityAccessPickerHint({ className, children, ...props }: ComponentProps<'p'>) {
  const { t } = useUserAdminTranslation();
  const { picker, idBase } = useEntityAccessPickerContext();
  return (
    <p {...props} id={`${idBase}-hint`} className={cx('uak-field-hint uak-entity-picker-hint', className)} data-slot="entity-access-picker-hint">
      {picker.selectionMode === 'single' ? t('entityPicker.hintSingle') : picker.allowSubtrees ? t('entityPicker.hintSubtrees') : t('entityPicker.hint')}
      {picker.scoped ? <span data-slot="entity-picker-scoped-hint">{` ${t('entityPicker.scopedHint')}`}</span> : null}
      {children}
    </p>
  );
});

/** The tree's state its items share. */
interface TreeContext {
  picker: UseEntityAccessPickerResult;
  idBase: string;
  tabStop: string | null;
  onChosen: () => void;
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
