import { useComposedRefs } from '@radix-ui/react-compose-refs';
import { useEffect, useId, useLayoutEffect, useRef, useState, type ComponentProps } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { composeEventHandlers, cx } from './cx';
import { withRef } from './withRef';

export interface SearchFieldProps extends Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'type' | 'defaultValue'> {
  /** The applied search (what the list asks the server for). */
  value: string;
  /** Called once typing pauses for `debounceMs` (at once when it is 0 or less), on Enter, and on clear. */
  onValueChange: (value: string) => void;
  /** The field's accessible name, shown as its label. */
  label: string;
  /** Defaults to 300. */
  debounceMs?: number;
}

/**
 * A search box that asks the server only when typing pauses. The text lives in the input itself
 * (uncontrolled), so typing renders nothing until the search is applied; only the clear button's
 * appearing and going away render the field. A `value` set from outside (a reset, a controlled
 * state) replaces the text before paint. Clearing gives the focus back to the box.
 * @example
 * <SearchField label={t('common.search')} value={list.state.search} onValueChange={list.setSearch} />
 */
export const SearchField = withRef(function SearchField({ value, onValueChange, label, debounceMs = 300, className, onKeyDown, ref, ...props }: SearchFieldProps) {
  const { t } = useUserAdminTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // The host's ref (react-hook-form's, a focus target) and ours on the same input.
  const inputRef = useComposedRefs(input, ref);
  const [hasText, setHasText] = useState(value !== '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The last value this field applied or was given: a new `value` other than it comes from outside.
  const applied = useRef(value);
  const onChange = useRef(onValueChange);
  onChange.current = onValueChange;

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
    <div data-slot="search-field" className={cx('uak-search', className)}>
      <label htmlFor={id} className="uak-search-label">{label}</label>
      <span className="uak-search-control">
        <input
          {...props}
          ref={inputRef}
          id={id}
          type="search"
          defaultValue={value}
          onChange={(event) => {
            const next = event.currentTarget.value;
            if ((next !== '') !== hasText) setHasText(next !== '');
            clearTimeout(timer.current);
            if (debounceMs <= 0) apply(next);
            else timer.current = setTimeout(() => apply(next), debounceMs);
          }}
          // The host's handler runs first; Enter applies the search unless it called preventDefault().
          onKeyDown={composeEventHandlers(onKeyDown, (event) => {
            if (event.key === 'Enter') apply(event.currentTarget.value);
          })}
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
});
