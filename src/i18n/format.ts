/** A moment as it crosses the adapter (ISO 8601 string), as a timestamp in ms, or as a `Date`. */
export type DateInput = string | number | Date;

/** Locale-aware formatting of dates, numbers and lists, on memoized `Intl` objects. */
export interface Formatters {
  /** The BCP 47 tag the formatters use. */
  readonly locale: string;
  /**
   * A date. Options default to `{ dateStyle: 'medium' }`, which is added to options naming no
   * date or time part (`{ timeZone: 'UTC' }`). Returns `''` for an invalid date.
   */
  date(value: DateInput, options?: Intl.DateTimeFormatOptions): string;
  /** A date with its time (`dateStyle: 'medium'`, `timeStyle: 'short'`). Returns `''` for an invalid date. */
  dateTime(value: DateInput): string;
  /**
   * `target` relative to `now` in the best unit ("in 3 days", "2 hours ago", "tomorrow").
   * `now` defaults to `Date.now()`. Returns `''` for an invalid date.
   */
  relativeTime(target: DateInput, now?: DateInput): string;
  /** A number with the locale's separators. Options default to none. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** Items joined as the locale says it ("a, b and c"). */
  list(items: readonly string[]): string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30.436875 * DAY;
const YEAR = 365.2425 * DAY;

/** Each unit is used while the rounded value stays under its limit. Days go up to a month: "in 14 days" says more than "in 2 weeks". */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['second', SECOND, 60],
  ['minute', MINUTE, 60],
  ['hour', HOUR, 24],
  ['day', DAY, 30],
  ['month', MONTH, 12],
  ['year', YEAR, Infinity],
];

const cache = new Map<string, Formatters>();

const DATE_PARTS = ['dateStyle', 'timeStyle', 'weekday', 'era', 'year', 'month', 'day', 'hour', 'minute', 'second', 'dayPeriod', 'timeZoneName', 'fractionalSecondDigits'];

function withDateDefaults(options: Intl.DateTimeFormatOptions | undefined): Intl.DateTimeFormatOptions {
  if (options && DATE_PARTS.some((part) => part in options)) return options;
  return { dateStyle: 'medium', ...options };
}

function toTime(value: DateInput): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}

function memo<O, F>(make: (options: O | undefined) => F): (options?: O) => F {
  const byOptions = new Map<string, F>();
  return (options) => {
    const key = options === undefined ? '' : JSON.stringify(options);
    let made = byOptions.get(key);
    if (!made) {
      made = make(options);
      byOptions.set(key, made);
    }
    return made;
  };
}

/**
 * Formatters for one locale. The same locale returns the same object, whose `Intl` objects are
 * built once per set of options.
 * @example
 * const format = createFormatters('fr');
 * format.relativeTime(Date.now() + 3 * 86_400_000); // 'dans 3 jours'
 * format.list(['Ana', 'Bruno', 'Chloé']); // 'Ana, Bruno et Chloé'
 */
export function createFormatters(locale: string): Formatters {
  const cached = cache.get(locale);
  if (cached) return cached;

  const dateFormat = memo((o: Intl.DateTimeFormatOptions | undefined) => new Intl.DateTimeFormat(locale, withDateDefaults(o)));
  const numberFormat = memo((o: Intl.NumberFormatOptions | undefined) => new Intl.NumberFormat(locale, o));
  const relativeFormat = memo(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const listFormat = memo(() => new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }));
  const dateTimeOptions: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

  const formatters: Formatters = {
    locale,
    date(value, options) {
      const time = toTime(value);
      return Number.isNaN(time) ? '' : dateFormat(options).format(time);
    },
    dateTime(value) {
      const time = toTime(value);
      return Number.isNaN(time) ? '' : dateFormat(dateTimeOptions).format(time);
    },
    relativeTime(target, now = Date.now()) {
      const diff = toTime(target) - toTime(now);
      if (Number.isNaN(diff)) return '';
      for (const [unit, ms, limit] of UNITS) {
        const value = Math.round(diff / ms);
        if (Math.abs(value) < limit) return relativeFormat().format(value, unit);
      }
      return '';
    },
    number(value, options) {
      return numberFormat(options).format(value);
    },
    list(items) {
      return listFormat().format(items);
    },
  };
  cache.set(locale, formatters);
  return formatters;
}
