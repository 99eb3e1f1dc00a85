import { useId, type ComponentProps } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { Button } from './Button';
import { cx } from './cx';
import { withRef } from './withRef';

export interface PaginationProps extends Omit<ComponentProps<'nav'>, 'children'> {
  /** Zero-based. */
  pageIndex: number;
  pageCount: number;
  pageSize: number;
  onPageIndexChange: (pageIndex: number) => void;
  /** Shows a rows-per-page select. Defaults to none (no select). */
  onPageSizeChange?: (pageSize: number) => void;
  /** Defaults to `[10, 25, 50, 100]`. */
  pageSizeOptions?: number[];
}

/**
 * Previous and next, "Page 2 of 9", and rows per page.
 * @example
 * <Pagination pageIndex={list.state.pageIndex} pageCount={list.pageCount} pageSize={list.state.pageSize}
 *   onPageIndexChange={list.setPageIndex} onPageSizeChange={list.setPageSize} />
 */
export const Pagination = withRef(function Pagination({ pageIndex, pageCount, pageSize, onPageIndexChange, onPageSizeChange, pageSizeOptions = [10, 25, 50, 100], className, ...props }: PaginationProps) {
  const { t, format } = useUserAdminTranslation();
  const selectId = useId();
  const pages = Math.max(pageCount, 1);
  const options = pageSizeOptions.includes(pageSize) ? pageSizeOptions : [...pageSizeOptions, pageSize].sort((a, b) => a - b);
  return (
    <nav data-slot="pagination" {...props} aria-label={t('common.pagination')} className={cx('uak-pagination', className)}>
      {onPageSizeChange ? (
        <span className="uak-pagination-size">
          <label htmlFor={selectId}>{t('common.rowsPerPage')}</label>
          <select id={selectId} value={pageSize} onChange={(e) => onPageSizeChange(Number(e.target.value))}>
            {options.map((n) => <option key={n} value={n}>{format.number(n)}</option>)}
          </select>
        </span>
      ) : null}
      <Button size="sm" onClick={() => onPageIndexChange(pageIndex - 1)} disabled={pageIndex <= 0} data-slot="pagination-previous">
        {t('common.previousPage')}
      </Button>
      <span aria-live="polite" data-slot="pagination-status">
        {t('common.pageOf', { page: format.number(pageIndex + 1), pageCount: format.number(pages) })}
      </span>
      <Button size="sm" onClick={() => onPageIndexChange(pageIndex + 1)} disabled={pageIndex + 1 >= pages} data-slot="pagination-next">
        {t('common.nextPage')}
      </Button>
    </nav>
  );
});
