import type { ComponentProps, ReactNode } from 'react';
import { useUserAdminTranslation, type UserAdminT } from '../i18n';
import { cx } from './cx';
import { withRef } from './withRef';

/** One outcome of a batch: an address invited, an address skipped, a user who could not be deactivated. */
export interface ResultItem {
  key: string;
  label: ReactNode;
  /** Whether it was done. A `false` item is a failure unless `outcome` says it was skipped. */
  ok: boolean;
  /**
   * What happened to it: `skipped` is left out on purpose (an address already a member), neither
   * done nor failed, and is counted apart. Defaults to `succeeded` when `ok`, else `failed`.
   */
  outcome?: 'succeeded' | 'skipped' | 'failed';
  /** Why it failed or was skipped, or a detail of the success. Defaults to none. */
  message?: ReactNode;
}

export interface ResultListProps extends Omit<ComponentProps<'section'>, 'title'> {
  title: ReactNode;
  items: ResultItem[];
}

const outcomeOf = (item: ResultItem) => item.outcome ?? (item.ok ? 'succeeded' : 'failed');
const ORDER = { failed: 0, skipped: 1, succeeded: 2 } as const;
const TONE = { failed: 'danger', skipped: 'warning', succeeded: 'success' } as const;

/**
 * Internal: "2 done, 1 skipped, 1 failed", each count with its language's plural form, listed as
 * the locale lists counts (`Intl.ListFormat` units). The failures show when nothing was skipped,
 * even at 0, as the summary always said.
 */
export function resultsSummary(t: UserAdminT, locale: string, ok: number, skipped: number, failed: number): string {
  const parts = [t('ui.resultsDone', { count: ok })];
  if (skipped > 0) parts.push(t('ui.resultsSkipped', { count: skipped }));
  if (skipped === 0 || failed > 0) parts.push(t('ui.resultsFailed', { count: failed }));
  return new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(parts);
}

/**
 * The per-item outcome of a batch, failures first, then the skipped, each with its reason; the
 * summary counts the skipped apart from the failures.
 * @example
 * <ResultList title={t('users.bulk.resultTitle')} items={results.map((r) => ({ key: r.id, label: r.name, ok: r.ok, message: r.error && translateError(t, r.error) }))} />
 */
export const ResultList = withRef(function ResultList({ title, items, className, ...props }: ResultListProps) {
  const { t, locale } = useUserAdminTranslation();
  const ordered = [...items].sort((a, b) => ORDER[outcomeOf(a)] - ORDER[outcomeOf(b)]);
  const count = (o: ReturnType<typeof outcomeOf>) => items.filter((i) => outcomeOf(i) === o).length;
  const [ok, skipped, failed] = [count('succeeded'), count('skipped'), count('failed')];
  return (
    <section data-slot="result-list" {...props} className={cx('uak-result-list', className)}>
      <p className="uak-result-list-title">{title}</p>
      <p className="uak-muted" data-slot="result-list-summary">
        {resultsSummary(t, locale, ok, skipped, failed)}
      </p>
      <ul>
        {ordered.map((item) => {
          const outcome = outcomeOf(item);
          return (
            <li key={item.key} data-ok={item.ok} data-outcome={outcome} data-slot="result-item" className="uak-result-item">
              <span className="uak-result-mark" data-tone={TONE[outcome]}>
                {t(`ui.${outcome}`)}
              </span>
              <span className="uak-result-label">{item.label}</span>
              {item.message ? <span className="uak-result-message">{item.message}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
});
