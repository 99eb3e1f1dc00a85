import { useEffect, useRef, type ComponentProps } from 'react';
import { cx } from './cx';

export interface CheckboxProps extends Omit<ComponentProps<'input'>, 'type'> {
  /** Shows the mixed state (some rows selected). Defaults to `false`. */
  indeterminate?: boolean;
}

/**
 * A native checkbox with a mixed state.
 * @example
 * <Checkbox aria-label={t('common.selectAll')} checked={all} indeterminate={some} onChange={toggleAll} />
 */
export function Checkbox({ indeterminate = false, className, ref, ...props }: CheckboxProps) {
  const inner = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    if (inner.current) inner.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      {...props}
      ref={(node) => {
        inner.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      type="checkbox"
      aria-checked={indeterminate ? 'mixed' : undefined}
      data-slot="checkbox"
      className={cx('uak-checkbox', className)}
    />
  );
}
