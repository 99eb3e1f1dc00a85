import type { ComponentProps } from 'react';
import { cx } from './cx';
import { withRef } from './withRef';

export interface ButtonProps extends ComponentProps<'button'> {
  /** Defaults to `secondary`. */
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  /** Defaults to `md`. */
  size?: 'sm' | 'md';
  /** Work in progress: the button is busy and cannot be pressed again. Defaults to `false`. */
  pending?: boolean;
}

/**
 * A button; `type="button"` unless told otherwise, so it never submits a form by accident.
 * @example
 * <Button variant="primary" pending={saving} onClick={save}>{t('common.save')}</Button>
 */
export const Button = withRef(function Button({ variant = 'secondary', size = 'md', pending = false, className, type = 'button', disabled, ...props }: ButtonProps) {
  return (
    <button
      data-slot="button"
      {...props}
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      data-variant={variant}
      data-size={size}
      className={cx('uak-button', className)}
    />
  );
});
