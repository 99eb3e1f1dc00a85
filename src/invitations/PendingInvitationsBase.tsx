import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { splitProps } from '../ui/splitProps';
import type { Invitation } from '../contract/types';
import { usePendingInvitations, type UsePendingInvitationsOptions, type UsePendingInvitationsResult } from './usePendingInvitations';

/** A revocation waiting for its confirmation: one invitation, or the selection. */
export type PendingInvitationsConfirmState =
  | { scope: 'single'; invitation: Invitation }
  | { scope: 'bulk'; invitations: Invitation[]; count: number };

/** What {@link PendingInvitationsBase} shares with the list's parts (`PendingInvitations.Toolbar`…). */
export interface PendingInvitationsContextValue {
  /** The list's state: {@link usePendingInvitations}'s result. */
  invitations: UsePendingInvitationsResult;
  /** Prefix of the status tabs' and panel's ids. */
  idBase: string;
  /** The revocation waiting for its confirmation, if any. */
  confirm: PendingInvitationsConfirmState | null;
  /** Asks to confirm a revocation (`null` closes the confirmation). */
  setConfirm(confirm: PendingInvitationsConfirmState | null): void;
  /** Why the confirmed revocation failed, shown in its dialog. */
  confirmError: unknown;
  /** Runs the confirmed revocation; closes the dialog and moves the focus to the outcome when it went through. */
  runConfirm(): Promise<void>;
  /** The outcome message, focused after a confirmed revocation. */
  outcomeRef: RefObject<HTMLDivElement | null>;
}

/** `null` outside {@link PendingInvitationsBase}. */
export const PendingInvitationsContext = createContext<PendingInvitationsContextValue | null>(null);
PendingInvitationsContext.displayName = 'PendingInvitationsContext';

/**
 * The nearest {@link PendingInvitationsBase}'s state, for a host's own part. Throws outside one.
 * @example
 * const { invitations } = usePendingInvitationsContext();
 */
export function usePendingInvitationsContext(): PendingInvitationsContextValue {
  const context = useContext(PendingInvitationsContext);
  if (!context) throw new Error('`usePendingInvitationsContext` must be used within <PendingInvitationsBase> (or <PendingInvitations>).');
  return context;
}

/** The list state a part shows: the one passed, else the nearest {@link PendingInvitationsBase}'s. */
export function usePendingInvitationsState(invitations: UsePendingInvitationsResult | undefined, part: string): UsePendingInvitationsResult {
  const context = useContext(PendingInvitationsContext);
  const resolved = invitations ?? context?.invitations;
  if (!resolved) throw new Error(`<${part}> must be used within <PendingInvitationsBase> (or <PendingInvitations>), or be given \`invitations\`.`);
  return resolved;
}

/** Props of {@link PendingInvitationsBase}: every option of {@link usePendingInvitations}, and the parts. */
export interface PendingInvitationsBaseProps extends UsePendingInvitationsOptions {
  children?: ReactNode;
}

/**
 * The pending invitations' state without markup: it runs {@link usePendingInvitations} and the
 * revocation's confirmation, and gives them to the parts inside through context.
 * @example
 * <PendingInvitationsBase defaultState={{ status: 'pending' }}>
 *   <PendingInvitations.Root>
 *     <PendingInvitations.Toolbar />
 *     <PendingInvitations.Content />
 *     <PendingInvitations.Confirm />
 *   </PendingInvitations.Root>
 * </PendingInvitationsBase>
 */
export function PendingInvitationsBase({ children, ...options }: PendingInvitationsBaseProps) {
  const invitations = usePendingInvitations(options);
  const idBase = `uak-pi${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [confirm, setConfirmState] = useState<PendingInvitationsConfirmState | null>(null);
  const [confirmError, setConfirmError] = useState<unknown>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [focusOutcome, setFocusOutcome] = useState(0);

  useEffect(() => {
    if (!focusOutcome) return;
    const timer = setTimeout(() => outcomeRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [focusOutcome]);

  const { revoke, revokeSelected } = invitations;
  const setConfirm = (next: PendingInvitationsConfirmState | null) => {
    setConfirmError(null);
    setConfirmState(next);
  };
  // Not memoized: `invitations` is new at every render of the list state, and so is this value.
  const value: PendingInvitationsContextValue = {
    invitations, idBase, confirm, setConfirm, confirmError, outcomeRef,
    runConfirm: async () => {
      if (!confirm) return;
      setConfirmError(null);
      if (confirm.scope === 'single') {
        const outcome = await revoke(confirm.invitation.id);
        const result = outcome.results[0];
        if (result && !result.ok) {
          setConfirmError(result.error);
          return;
        }
      } else {
        await revokeSelected();
      }
      setConfirmState(null);
      setFocusOutcome((n) => n + 1);
    },
  };
  return <PendingInvitationsContext.Provider value={value}>{children}</PendingInvitationsContext.Provider>;
}

/**
 * The names of {@link usePendingInvitations}'s options, to tell them from the root element's props.
 * `_everyOptionListed` fails to compile when one is missing.
 */
const OPTION_KEYS = [
  'defaultState', 'initialState', 'state', 'onStateChange', 'enabled', 'selection', 'defaultSelection', 'onSelectionChange', 'concurrency', 'now', 'refreshIntervalMs',
] as const satisfies readonly (keyof UsePendingInvitationsOptions)[];
type UnlistedOption = Exclude<keyof UsePendingInvitationsOptions, (typeof OPTION_KEYS)[number]>;
// A type error here names an option of usePendingInvitations missing from OPTION_KEYS.
const _everyOptionListed: [UnlistedOption] extends [never] ? true : UnlistedOption = true;
void _everyOptionListed;

/** Splits props into {@link usePendingInvitations}'s options and the rest (view and DOM props). */
export function splitPendingInvitationsOptions<P extends UsePendingInvitationsOptions>(props: P): [UsePendingInvitationsOptions, Omit<P, keyof UsePendingInvitationsOptions>] {
  const [options, rest] = splitProps(props, OPTION_KEYS);
  return [options as UsePendingInvitationsOptions, rest as Omit<P, keyof UsePendingInvitationsOptions>];
}
