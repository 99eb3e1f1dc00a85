import { useId, type ReactNode } from 'react';
import { cx } from './cx';

/** What a {@link Field} hands its control. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  required?: boolean;
}

export interface FieldProps {
  label: ReactNode;
  /** Help under the control. Defaults to none. */
  hint?: ReactNode;
  /** The error to show; the control becomes `aria-invalid`. Defaults to none. */
  error?: ReactNode;
  /** Defaults to `false`. */
  required?: boolean;
  /** An id for the control. Defaults to a generated one. */
  id?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * A label, a control, a hint and an error, wired together for assistive technology.
 * @example
 * <Field label={t('users.columns.email')} error={errors.email && translateFieldError(t, errors.email.message)}>
 *   {(control) => <input {...control} {...register('email')} />}
 * </Field>
 */
export function Field({ label, hint, error, required = false, id, className, children }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `${generated}-control`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div data-slot="field" data-invalid={error ? '' : undefined} className={cx('uak-field', className)}>
      <label htmlFor={controlId} data-slot="field-label" className="uak-field-label">
        {label}
      </label>
      {children({ id: controlId, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required: required || undefined })}
      {hint ? <p id={hintId} data-slot="field-hint" className="uak-field-hint">{hint}</p> : null}
      {error ? <p id={errorId} data-slot="field-error" className="uak-field-error">{error}</p> : null}
    </div>
  );
}
