import { useId, type ComponentProps, type ReactNode } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { cx } from './cx';
import { withRef } from './withRef';

export interface ChipProps extends Omit<ComponentProps<'span'>, 'children'> {
  children: ReactNode;
  /** Defaults to `neutral`. */
  tone?: 'neutral' | 'danger' | 'warning';
  /** Shows a remove button. Defaults to none. */
  onRemove?: () => void;
  /** The remove button's accessible name. Defaults to `t('ui.removeItem', { label })` when the chip's content is a string. */
  removeLabel?: string;
  /** Why the chip is marked (invalid, duplicate): shown and read with it. Defaults to none. */
  description?: string;
  /** Makes the chip's text a button (to edit it, for example). Defaults to none. */
  onActivate?: () => void;
  /** The accessible name of that button. Defaults to the chip's text. */
  activateLabel?: string;
}

/**
 * A token: an email in a list of recipients, a selected entity. Removable, and marked with a
 * reason when something is wrong with it.
 * @example
 * <Chip tone="danger" description={t('invite.skipReason.invalid')} onRemove={() => remove(i)}>{email}</Chip>
 */
export const Chip = withRef(function Chip({ children, tone = 'neutral', onRemove, removeLabel, description, onActivate, activateLabel, className, ...props }: ChipProps) {
  const { t } = useUserAdminTranslation();
  const id = useId();
  const descId = description ? `${id}-desc` : undefined;
  const text = typeof children === 'string' ? children : undefined;
  return (
    <span data-slot="chip" {...props} data-tone={tone} className={cx('uak-chip', className)}>
      {onActivate ? (
        <button type="button" className="uak-chip-text" aria-label={activateLabel} aria-describedby={descId} onClick={onActivate} data-slot="chip-activate">
          {children}
        </button>
      ) : (
        <span className="uak-chip-text">{children}</span>
      )}
      {description ? <span id={descId} className="uak-chip-description" data-slot="chip-description">{description}</span> : null}
      {onRemove ? (
        <button
          type="button"
          className="uak-chip-remove"
          aria-label={removeLabel ?? t('ui.removeItem', { label: text ?? '' })}
          aria-describedby={onActivate ? undefined : descId}
          onClick={onRemove}
          data-slot="chip-remove"
        >
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </span>
  );
});
