import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useUserAdminTranslation } from '../i18n';

/** Props of {@link UserListSearch}. */
export interface UserListSearchProps {
  /** The applied search (what the list asks the server for). */
  value: string;
  /** Called once typing pauses for `debounceMs` (at once when it is 0 or less), on Enter, and on clear. */
  onValueChange: (value: string) => void;
  /** The field's accessible name, shown as its label. */
  label: string;
  placeholder?: string;
  debounceMs: number;
}

/**
 * The users list's search box: `SearchField`'s markup and slots, but the text lives in the input
 * itself (uncontrolled), so typing renders nothing until the search is applied. A keystroke with
 * no debounce is one commit (the search), not the text, then the search, then the field catching up
 * with the applied value. Only the clear button's appearing and going away render the field.
 */
export function UserListSearch({ value, onValueChange, label, placeholder, debounceMs }: UserListSearchProps) {
  const { t } = useUserAdminTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [hasText, setHasText] = useState(value !== '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The last value this field applied or was given: a new `value` other than it comes from outside.
  const applied = useRef(value);
  const onChange = useRef(onValueChange);
  onChange.current = onValueChange;

  // A value set from outside (a reset, a controlled state) replaces the text, before paint.
  useLayoutEffect(() => {
    if (value === applied.current) return;
    applied.current = value;
    clearTimeout(timer.current);
    if (input.current && input.current.value !== value) input.current.value = value;
    setHasText(value !== '');
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (next: string) => {
    clearTimeout(timer.current);
    if (next === applied.current) return;
    applied.current = next;
    onChange.current(next);
  };

  return (
    <div data-slot="search-field" className="uak-search">
      <label htmlFor={id} className="uak-search-label">{label}</label>
      <span className="uak-search-control">
        <input
          ref={input}
          id={id}
          type="search"
          defaultValue={value}
          placeholder={placeholder}
          onChange={(event) => {
            const next = event.currentTarget.value;
            if ((next !== '') !== hasText) setHasText(next !== '');
            clearTimeout(timer.current);
            if (debounceMs <= 0) apply(next);
            else timer.current = setTimeout(() => apply(next), debounceMs);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') apply(event.currentTarget.value);
          }}
          data-slot="search-input"
        />
        {hasText ? (
          <button
            type="button"
            className="uak-search-clear"
            aria-label={t('common.clearSearch')}
            data-slot="search-clear"
            onClick={() => {
              if (input.current) {
                input.current.value = '';
                // The button goes away with the text: the focus goes back to the box, not to the page.
                input.current.focus();
              }
              setHasText(false);
              apply('');
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </span>
    </div>
  );
}
