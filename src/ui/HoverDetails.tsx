import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { cx } from './cx';

export interface HoverDetailsProps {
  /** The visible trigger text ("3 entities"). */
  label: ReactNode;
  /**
   * The details ("Acme Paris, Acme Lyon, Acme Lisbon"). A function is called only while they are
   * shown (lazy: a long table does not build hidden details for every row).
   */
  children: ReactNode | (() => ReactNode);
  /** Renders the details only while shown (always so when `children` is a function). Defaults to `false`. */
  lazy?: boolean;
  className?: string;
}

/**
 * Details that show on hover, on keyboard focus and on click (touch), and hide with Escape or
 * when the pointer and focus leave.
 * @example
 * <HoverDetails label={t('users.entityCount', { count: names.length })}>{format.list(names)}</HoverDetails>
 */
export function HoverDetails({ label, children, lazy = false, className }: HoverDetailsProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [pinned, setPinned] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const shown = open || pinned;
  const content = typeof children === 'function' ? (shown ? children() : null) : lazy && !shown ? null : children;

  useEffect(() => {
    if (!pinned) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setPinned(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [pinned]);

  return (
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- a wrapper catching focus, blur and Escape that bubble from its trigger and card
    <span
      ref={root}
      data-slot="hover-details"
      data-state={shown ? 'open' : 'closed'}
      className={cx('uak-hover-details', className)}
      onPointerEnter={() => setOpen(true)}
      onPointerLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) { setOpen(false); setPinned(false); }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && shown) { e.stopPropagation(); setOpen(false); setPinned(false); }
      }}
    >
      <button type="button" className="uak-hover-details-trigger" aria-expanded={shown} aria-controls={id} onClick={() => setPinned((p) => !p)} data-slot="hover-details-trigger">
        {label}
      </button>
      <span id={id} role="region" aria-label={typeof label === 'string' ? label : undefined} hidden={!shown} className="uak-hover-details-content" data-slot="hover-details-content">
        {content}
      </span>
    </span>
  );
}
