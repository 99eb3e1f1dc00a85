import { useEffect, useId, useRef, useState, type ComponentProps } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { cx } from './cx';

export interface SearchFieldProps extends Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'type' | 'defaultValue'> {
  /** The applied search (what the list asks the server for). */
  value: string;
  /** Called once typing pauses for `debounceMs`, at once on Enter or clear. */
  onValueChange: (value: string) => void;
  /** The field's accessible name, shown as its label. */
  label: string;
  /** Defaults to 300. */
  debounceMs?: number;
}

/**
 * A search box that shows what is typed at once and asks the server only when typing pauses.
 * @example
 * <SearchField label={t('common.search')} value={list.state.search} onValueChange={list.setSearch} />
 */
export function SearchField({ value, onValueChange, label, debounceMs = 300, className, onKeyDown, ...props }: SearchFieldProps) {
  const { t } = useUserAdminTranslation();
  const id = useId();
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const emitted = useRef(value);
  const onChange = useRef(onValueChange);
  onChange.current = onValueChange;

  // A value set from outside (a reset, a controlled state) replaces what is shown.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const emit = (next: string) => {
    clearTimeout(timer.current);
    if (next === emitted.current) return;
    emitted.current = next;
    onChange.current(next);
  };

  return (
    <div data-slot="search-field" className={cx('uak-search', className)}>
      <label htmlFor={id} className="uak-search-label">{label}</label>
      <span className="uak-search-control">
        <input
          {...props}
          id={id}
          type="search"
          value={text}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => emit(next), debounceMs);
          }}
          onKeyDown={(e) => {
            onKeyDown?.(e);
            if (!e.defaultPrevented && e.key === 'Enter') emit(text);
          }}
          data-slot="search-input"
        />
        {text ? (
          <button type="button" className="uak-search-clear" aria-label={t('common.clearSearch')} data-slot="search-clear" onClick={() => { setText(''); emit(''); }}>
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </span>
    </div>
  );
}
