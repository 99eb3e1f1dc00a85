import { useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import { translateError, useUserAdminTranslation } from '../i18n';
import { retryAfterOf } from '../query/retry';
import { Button } from './Button';
import { cx } from './cx';
import { withRef } from './withRef';

export interface LoadingStateProps extends ComponentProps<'div'> {
  /** What assistive technology hears. Defaults to `t('common.loading')`. */
  label?: string;
  /** Skeleton lines. Defaults to 5. */
  rows?: number;
  /**
   * The failure being retried (a query's `failureReason` while it still fetches), with how many so
   * far: a rate-limited one shows when the next try is ({@link RetryNotice}). Defaults to none.
   */
  retrying?: { error: unknown; failureCount: number } | null;
}

/**
 * A skeleton while the first answer is on its way (role=status, so it is announced).
 * @example
 * if (list.isLoading) return <LoadingState rows={8} />;
 */
export const LoadingState = withRef(function LoadingState({ label, rows = 5, retrying, className, ...props }: LoadingStateProps) {
  const { t } = useUserAdminTranslation();
  return (
    <>
      {retrying ? <RetryNotice error={retrying.error} failureCount={retrying.failureCount} /> : null}
      <div data-slot="loading-state" {...props} role="status" aria-label={label ?? t('common.loading')} className={cx('uak-loading', className)}>
        {Array.from({ length: rows }, (_, i) => <span key={i} className="uak-skeleton" aria-hidden="true" />)}
      </div>
    </>
  );
});

export interface RetryNoticeProps extends ComponentProps<'p'> {
  /** The failure being retried; nothing shows unless it is rate-limited with a `retryAfterMs`. */
  error: unknown;
  /** How many failures so far: each new one starts the countdown again. Defaults to 1. */
  failureCount?: number;
}

/**
 * While a rate-limited request waits for its `Retry-After` before the automatic retry: "Trying
 * again in 12 seconds…", counting down each second (polite status, announced once per failure).
 * @example
 * {query.isFetching && query.failureReason ? <RetryNotice error={query.failureReason} failureCount={query.failureCount} /> : null}
 */
export const RetryNotice = withRef(function RetryNotice({ error, failureCount = 1, ...props }: RetryNoticeProps) {
  const wait = retryAfterOf(error);
  if (wait === null) return null;
  // Each failure (its count, its error, its wait) mounts a countdown of its own, from when it shows.
  return <RetryCountdown key={`${failureCount}:${failureId(error)}:${wait}`} wait={wait} {...props} />;
});

const failureIds = new WeakMap<object, number>();
let lastFailureId = 0;
/** A number per error object (a string for other values), to tell one failure from the next. */
function failureId(error: unknown): number | string {
  if (typeof error !== 'object' || error === null) return String(error);
  let id = failureIds.get(error);
  if (id === undefined) failureIds.set(error, (id = ++lastFailureId));
  return id;
}

const RetryCountdown = withRef(function RetryCountdown({ wait, className, ...props }: ComponentProps<'p'> & { wait: number }) {
  const { t } = useUserAdminTranslation();
  const [start] = useState(Date.now);
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    const stop = setTimeout(() => clearInterval(timer), wait + 1000);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [wait]);
  const seconds = Math.ceil(Math.max(0, start + wait - now) / 1000);
  return (
    <p data-slot="retry-notice" {...props} className={cx('uak-retry-notice uak-muted', className)}>
      <span aria-hidden="true">{seconds > 0 ? t('ui.retryingIn', { count: seconds }) : t('ui.retryingNow')}</span>
      {/* Announced once per failure, not every second. */}
      <span className="uak-sr-only" role="status">{t('ui.retryingIn', { count: Math.ceil(wait / 1000) })}</span>
    </p>
  );
});

export interface EmptyStateProps extends Omit<ComponentProps<'div'>, 'title'> {
  title: ReactNode;
  /** The next step, in words. Defaults to none. */
  hint?: ReactNode;
  /** The next step, as a button. Defaults to none. */
  action?: ReactNode;
}

/**
 * Nothing to show, and what to do next.
 * @example
 * <EmptyState title={t('users.empty')} hint={t('users.emptyHint')} action={<Button onClick={invite}>{t('actions.invite')}</Button>} />
 */
export const EmptyState = withRef(function EmptyState({ title, hint, action, className, ...props }: EmptyStateProps) {
  return (
    <div data-slot="empty-state" {...props} className={cx('uak-empty', className)}>
      <p className="uak-empty-title">{title}</p>
      {hint ? <p className="uak-muted">{hint}</p> : null}
      {action}
    </div>
  );
});

export interface ErrorStateProps extends Omit<ComponentProps<'div'>, 'title'> {
  /** Any error; a {@link UserAdminError} is translated by code and reason. */
  error: unknown;
  /** Shows a retry button. Defaults to none. */
  onRetry?: () => void;
  /** A first line naming what failed. Defaults to none. */
  title?: ReactNode;
}

/**
 * A load failed: what happened, translated, and a way to try again.
 * @example
 * if (list.error) return <ErrorState title={t('users.loadError')} error={list.error} onRetry={list.refetch} />;
 */
export const ErrorState = withRef(function ErrorState({ error, onRetry, title, className, ...props }: ErrorStateProps) {
  const { t } = useUserAdminTranslation();
  return (
    <div data-slot="error-state" {...props} role="alert" className={cx('uak-error-state', className)}>
      {title ? <p className="uak-error-title">{title}</p> : null}
      <p>{translateError(t, error)}</p>
      {onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
    </div>
  );
});

export interface StatusMessageProps extends ComponentProps<'div'> {
  tone: 'success' | 'error' | 'info' | 'warning';
  /** Shows a dismiss button. Defaults to none. */
  onDismiss?: () => void;
}

/**
 * An inline outcome: "Invitation sent again", "We couldn't reach the server". Errors are alerts;
 * the rest are polite status messages.
 * @example
 * {error ? <StatusMessage tone="error">{translateError(t, error)}</StatusMessage> : null}
 */
export const StatusMessage = withRef(function StatusMessage({ tone, onDismiss, className, children, ...props }: StatusMessageProps) {
  const { t } = useUserAdminTranslation();
  return (
    <div data-slot="status-message" {...props} role={tone === 'error' ? 'alert' : 'status'} data-tone={tone} className={cx('uak-status-message', className)}>
      <div className="uak-status-message-body">{children}</div>
      {onDismiss ? (
        <button type="button" className="uak-icon-button" aria-label={t('ui.dismiss')} onClick={onDismiss} data-slot="status-message-dismiss">
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  );
});

/**
 * Text for assistive technology only.
 * @example
 * <VisuallyHidden>{t('users.columns.select')}</VisuallyHidden>
 */
export const VisuallyHidden = withRef(function VisuallyHidden({ className, ...props }: ComponentProps<'span'>) {
  return <span data-slot="visually-hidden" {...props} className={cx('uak-sr-only', className)} />;
});
