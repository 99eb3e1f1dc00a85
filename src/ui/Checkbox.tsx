import { useComposedRefs } from '@radix-ui/react-compose-refs';
import { useEffect, useRef, type ComponentProps } from 'react';
import { cx } from './cx';
import { withRef } from './withRef';

export interface CheckboxProps extends Omit<ComponentProps<'input'>, 'type'> {
  /** Shows the mixed state (some rows selected). Defaults to `false`. */
  indeterminate?: boolean;
}

/**
 * A native checkbox with a mixed state.
 * @example
 * <Checkbox aria-label={t('common.selectAll')} checked={all} indeterminate={some} onChange={toggleAll} />
 */
export const Checkbox = withRef(function Checkbox({ indeterminate = false, className, ref, ...props }: CheckboxProps) {
  const inner = useRef<HTMLInputElement | null>(null);
  // Stable across renders (an inline callback would detach and re-attach on every row render).
  const composedRef = useComposedRefs(inner, ref);
  useEffect(() => {
    if (inner.current) inner.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      {...props}
      ref={composedRef}
      type="checkbox"
      aria-checked={indeterminate ? 'mixed' : undefined}
      data-slot="checkbox"
      className={cx('uak-checkbox', className)}
    />
  );
});
