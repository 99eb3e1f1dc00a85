import type { ComponentProps, ReactNode } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { cx } from './cx';

/** One outcome of a batch: an address invited, a user who could not be deactivated. */
export interface ResultItem {
  key: string;
  label: ReactNode;
  ok: boolean;
  /** Why it failed, or a detail of the success. Defaults to none. */
  message?: ReactNode;
}

export interface ResultListProps extends Omit<ComponentProps<'section'>, 'title'> {
  title: ReactNode;
  items: ResultItem[];
}

/**
 * The per-item outcome of a batch, failures first, each with its reason.
 * @example
 * <ResultList title={t('users.bulk.resultTitle')} items={results.map((r) => ({ key: r.id, label: r.name, ok: r.ok, message: r.error && translateError(t, r.error) }))} />
 */
export function ResultList({ title, items, className, ...props }: ResultListProps) {
  const { t } = useUserAdminTranslation();
  const ordered = [...items.filter((i) => !i.ok), ...items.filter((i) => i.ok)];
  const failed = ordered.filter((i) => !i.ok).length;
  return (
    <section data-slot="result-list" {...props} className={cx('uak-result-list', className)}>
      <p className="uak-result-list-title">{title}</p>
      <p className="uak-muted" data-slot="result-list-summary">{t('ui.resultsSummary', { ok: items.length - failed, failed })}</p>
      <ul>
        {ordered.map((item) => (
          <li key={item.key} data-ok={item.ok} data-slot="result-item" className="uak-result-item">
            <span className="uak-result-mark" data-tone={item.ok ? 'success' : 'danger'}>
              {item.ok ? t('ui.succeeded') : t('ui.failed')}
            </span>
            <span className="uak-result-label">{item.label}</span>
            {item.message ? <span className="uak-result-message">{item.message}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
