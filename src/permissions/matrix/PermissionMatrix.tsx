import type { ComponentProps } from 'react';
import { PermissionMatrixBase, splitPermissionMatrixOptions } from './PermissionMatrixBase';
import {
  PermissionMatrixContent, PermissionMatrixGrid, PermissionMatrixPagination, PermissionMatrixReadOnlyNotice, PermissionMatrixRoot,
  PermissionMatrixSaveBar, PermissionMatrixToolbar,
} from './PermissionMatrixParts';
import type { UsePermissionMatrixOptions } from './usePermissionMatrix';
import { withRef } from '../../ui/withRef';

export { PERMISSION_MATRIX_PAGE_SIZES } from './PermissionMatrixParts';

/** Props of {@link PermissionMatrix}: the options of {@link usePermissionMatrix}, a view prop, and the root `div`'s props. */
export interface PermissionMatrixProps extends UsePermissionMatrixOptions, Omit<ComponentProps<'div'>, keyof UsePermissionMatrixOptions | 'children'> {
  /** Wait after typing before searching, in ms. Defaults to 300. */
  searchDebounceMs?: number;
}

/**
 * The permission matrix screen: login users (searchable, paged, virtualized above 100 rows per
 * page) or roles (`source="roles"`) by modules, with each user's role as a select, pending changes
 * counted and marked, and Save / Discard. Saving sends one update per changed row; rows that fail
 * stay marked with their reason and keep their edits, the others are saved, and the outcome is
 * announced. Demoting yourself or the last active admin is refused before saving, with the reason.
 * In roles mode without `adapter.updateRole` the grid is read-only and says why. Pending edits
 * survive paging and searching; `value` / `defaultValue` / `onValueChange` let a host own them.
 * The host's `className` and `div` props go on the root.
 *
 * It is the composition of its parts under {@link PermissionMatrixBase}: `PermissionMatrix.Root`,
 * `.Toolbar`, `.ReadOnlyNotice`, `.Content` (or `.Grid` and `.Pagination`) and `.SaveBar`. Compose
 * them yourself to drop one or put your own between two.
 *
 * Keyboard: see {@link PermissionGrid} (arrows, Home/End, Ctrl+Home/Ctrl+End, Page Up/Page Down;
 * Space sets the next level, Enter opens the list of levels). Page Down on the last row turns to
 * the next page (Page Up on the first row to the previous one) and keeps the column.
 * @example
 * <PermissionMatrix onSaved={({ failed }) => failed.length === 0 && toast('Saved')} />
 * <PermissionMatrix source="roles" />
 */
const PermissionMatrixComponent = withRef(function PermissionMatrixComponent(props: PermissionMatrixProps) {
  const [options, { searchDebounceMs, ...rest }] = splitPermissionMatrixOptions(props);
  // The matrix's state lives in the base, and the root reads none of what an edit changes: an edit
  // re-renders the parts, not the root, whose context (portal container, announcer) every cell's
  // level menu reads.
  return (
    <PermissionMatrixBase {...options}>
      <PermissionMatrixRoot {...rest}>
        <PermissionMatrixToolbar searchDebounceMs={searchDebounceMs} />
        <PermissionMatrixReadOnlyNotice />
        <PermissionMatrixContent />
        <PermissionMatrixSaveBar />
      </PermissionMatrixRoot>
    </PermissionMatrixBase>
  );
});

/**
 * The permission matrix, and its parts for composing one's own (`PermissionMatrix.Toolbar`…), each
 * also exported by its own name (`PermissionMatrixToolbar`…).
 */
export const PermissionMatrix = Object.assign(PermissionMatrixComponent, {
  Base: PermissionMatrixBase,
  Root: PermissionMatrixRoot,
  Toolbar: PermissionMatrixToolbar,
  ReadOnlyNotice: PermissionMatrixReadOnlyNotice,
  Content: PermissionMatrixContent,
  Grid: PermissionMatrixGrid,
  Pagination: PermissionMatrixPagination,
  SaveBar: PermissionMatrixSaveBar,
});
