import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useUserAdminTranslation, type UserAdminT } from '../../i18n';
import { useAnnounce } from '../../ui';
import { splitProps } from '../../ui/splitProps';
import {
  usePermissionMatrix, type PermissionMatrixSaveResult, type PermissionMatrixSource, type UsePermissionMatrixOptions, type UsePermissionMatrixResult,
} from './usePermissionMatrix';

/** What {@link PermissionMatrixBase} shares with the matrix's parts (`PermissionMatrix.Toolbar`, `.Grid`…). */
export interface PermissionMatrixContextValue {
  /** The matrix's state: {@link usePermissionMatrix}'s result. */
  matrix: UsePermissionMatrixResult;
  /** Prefix of the ids of the parts' elements (a role cell's mark and refusal reason). */
  idBase: string;
  /** The outcome of the last save that sent something, shown until the next one or a discard; `null` before. */
  outcome: PermissionMatrixSaveResult | null;
  /** Saves every pending edit, keeps the outcome and announces it. */
  save(): Promise<PermissionMatrixSaveResult>;
  /** Drops every pending edit and the outcome, and announces it. */
  discard(): void;
  /** Announces a message politely, in the matrix's root (`PermissionMatrix.Root`). Stable. */
  announce(message: string): void;
}

/** `null` outside {@link PermissionMatrixBase}. */
export const PermissionMatrixContext = createContext<PermissionMatrixContextValue | null>(null);
PermissionMatrixContext.displayName = 'PermissionMatrixContext';

/**
 * What the root reads: only what does not change with an edit (the source, where the root's
 * announcer goes), so an edit never re-renders the root, whose context every cell's level menu reads.
 */
interface PermissionMatrixRootContextValue {
  source: PermissionMatrixSource;
  announcer: RefObject<((message: string) => void) | null>;
}
const PermissionMatrixRootContext = createContext<PermissionMatrixRootContextValue | null>(null);
PermissionMatrixRootContext.displayName = 'PermissionMatrixRootContext';

const outsideBase = (name: string) => `${name} must be used within <PermissionMatrixBase> (or <PermissionMatrix>).`;

/**
 * The nearest {@link PermissionMatrixBase}'s state, for a part of the host's own between the
 * matrix's parts. Throws outside one.
 * @example
 * function UnsavedNote() {
 *   const { matrix } = usePermissionMatrixContext();
 *   return matrix.changedCount > 0 ? <p>{matrix.changedCount}</p> : null;
 * }
 */
export function usePermissionMatrixContext(): PermissionMatrixContextValue {
  const context = useContext(PermissionMatrixContext);
  if (!context) throw new Error(outsideBase('`usePermissionMatrixContext`'));
  return context;
}

/** Internal: the nearest base's state for one of the parts, named in the error outside one. */
export function usePermissionMatrixPart(part: string): PermissionMatrixContextValue {
  const context = useContext(PermissionMatrixContext);
  if (!context) throw new Error(outsideBase(`<${part}>`));
  return context;
}

/** Internal: what `PermissionMatrix.Root` reads (the source, the announcer's slot). */
export function usePermissionMatrixRootContext(part: string): PermissionMatrixRootContextValue {
  const context = useContext(PermissionMatrixRootContext);
  if (!context) throw new Error(outsideBase(`<${part}>`));
  return context;
}

/** Internal: the outcome of a save in words ("2 rows saved. 1 row could not be saved."). */
export function saveOutcomeText(t: UserAdminT, result: PermissionMatrixSaveResult): string {
  return [
    result.saved.length > 0 ? t('permissionMatrix.saved', { count: result.saved.length }) : '',
    result.failed.length > 0 ? t('permissionMatrix.failed', { count: result.failed.length }) : '',
  ].filter(Boolean).join(' ');
}

/** Props of {@link PermissionMatrixBase}: every option of {@link usePermissionMatrix}, and the parts. */
export interface PermissionMatrixBaseProps extends UsePermissionMatrixOptions {
  children?: ReactNode;
}

/**
 * The permission matrix's state without any markup: it runs {@link usePermissionMatrix}, keeps the
 * last save's outcome and announces saves and discards, and gives them to the parts inside through
 * context. Compose the parts you want, in your order, with your own between them. Announcements go
 * to `PermissionMatrix.Root`'s live region (or, without one, to the nearest `UserAdminRoot`'s).
 * @example
 * <PermissionMatrixBase pageSize={50} onSaved={notify}>
 *   <PermissionMatrix.Root>
 *     <PermissionMatrix.Toolbar />
 *     <MyNote />
 *     <PermissionMatrix.Content />
 *     <PermissionMatrix.SaveBar />
 *   </PermissionMatrix.Root>
 * </PermissionMatrixBase>
 */
export function PermissionMatrixBase({ children, ...options }: PermissionMatrixBaseProps) {
  const matrix = usePermissionMatrix(options);
  const { t } = useUserAdminTranslation();
  const idBase = `uak-permission-matrix-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [outcome, setOutcome] = useState<PermissionMatrixSaveResult | null>(null);
  const announcer = useRef<((message: string) => void) | null>(null);
  const outerAnnounce = useAnnounce();
  const announce = useCallback((message: string) => (announcer.current ?? outerAnnounce)(message), [outerAnnounce]);
  const { source } = matrix;
  const rootValue = useMemo<PermissionMatrixRootContextValue>(() => ({ source, announcer }), [source]);
  const { save, discard } = matrix;

  // Not memoized: `matrix` is new at every render of the matrix's state, and so is this value.
  const value: PermissionMatrixContextValue = {
    matrix, idBase, outcome, announce,
    save: async () => {
      const result = await save();
      if (result.saved.length + result.failed.length > 0) {
        setOutcome(result);
        announce(saveOutcomeText(t, result));
      }
      return result;
    },
    discard: () => {
      discard();
      setOutcome(null);
      announce(t('permissionMatrix.discarded'));
    },
  };
  return (
    <PermissionMatrixRootContext.Provider value={rootValue}>
      <PermissionMatrixContext.Provider value={value}>{children}</PermissionMatrixContext.Provider>
    </PermissionMatrixRootContext.Provider>
  );
}

/** Internal: inside the matrix's root, hands the root's announcer to the base. Renders nothing. */
export function PermissionMatrixAnnouncer({ announcer }: { announcer: PermissionMatrixRootContextValue['announcer'] }) {
  const announce = useAnnounce();
  useEffect(() => {
    announcer.current = announce;
    return () => {
      if (announcer.current === announce) announcer.current = null;
    };
  }, [announcer, announce]);
  return null;
}

/**
 * The names of {@link usePermissionMatrix}'s options, to tell them from the root element's props.
 * Every option must be listed: `_everyOptionListed` fails to compile when one is missing.
 */
const OPTION_KEYS = [
  'source', 'value', 'defaultValue', 'onValueChange', 'pageSize', 'concurrency', 'onSaved',
] as const satisfies readonly (keyof UsePermissionMatrixOptions)[];
type UnlistedOption = Exclude<keyof UsePermissionMatrixOptions, (typeof OPTION_KEYS)[number]>;
// A type error here names an option of usePermissionMatrix missing from OPTION_KEYS.
const _everyOptionListed: [UnlistedOption] extends [never] ? true : UnlistedOption = true;
void _everyOptionListed;

/**
 * Splits props into {@link usePermissionMatrix}'s options and the rest (view and DOM props).
 * @example
 * const [options, rest] = splitPermissionMatrixOptions(props);
 */
export function splitPermissionMatrixOptions<P extends UsePermissionMatrixOptions>(props: P): [UsePermissionMatrixOptions, Omit<P, keyof UsePermissionMatrixOptions>] {
  const [options, rest] = splitProps(props, OPTION_KEYS);
  return [options as UsePermissionMatrixOptions, rest as Omit<P, keyof UsePermissionMatrixOptions>];
}
