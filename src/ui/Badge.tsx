import type { ComponentProps } from 'react';
import { cx } from './cx';
import { withRef } from './withRef';

export interface BadgeProps extends ComponentProps<'span'> {
  /** Defaults to `neutral`. */
  tone?: 'neutral' | 'info' | 'success' | 'warning' | 'danger';
}

/**
 * A short label: a status, "SSO", "Multi-entity".
 * @example
 * <Badge tone="success">{t('status.active')}</Badge>
 */
export const Badge = withRef(function Badge({ tone = 'neutral', className, ...props }: BadgeProps) {
  return <span data-slot="badge" {...props} data-tone={tone} className={cx('uak-badge', className)} />;
});
