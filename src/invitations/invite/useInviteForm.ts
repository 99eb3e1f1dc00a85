import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form';
import { toUserAdminError, type UserAdminError } from '../../contract/errors';
import type {
  Invitation, InviteFailure, InviteSkipReason, InviteUsersInput, InviteUsersResult, Module, ModulePermissions, Role, Settings,
} from '../../contract/types';
import { useEntityChildren } from '../../entities/useEntities';
import { userAdminKeys } from '../../query/keys';
import { useInviteUsers } from '../useInvitationMutations';
import {
  actingScope, applyRolePreset, defaultAccess, defaultAdminScope, domainRisk, emailDomain, INVITE_CONFIRM_ABOVE, lockedModuleIds, MAX_INVITE_ADDRESSES,
  normalizePermissions, type DomainRisk,
} from '../../core';
import { useModules } from '../../settings/useModules';
import { useRoles } from '../../settings/useRoles';
import { useSettings } from '../../settings/useSettings';
import { chipAddress, INVITE_VALIDATION_KEYS, inviteFormSchema, type InviteFormValues } from './invite.schema';
import {
  classifyAddresses, normalizeEmail, parseEmails, parseEmailsInSlices, restText, splitDisplayName, type AddressStatus, type ParsedAddress,
} from './parseEmails';

/** Texts up to this long are parsed at once (a few milliseconds); longer ones in slices, yielding to the page. */
const SYNC_PARSE_CHARS = 20_000;

/** What the invite form starts with. */
export interface InviteFormDefaults {
  /** Addresses, or texts holding several (`'a@acme.fr, Bob <bob@acme.fr>'`). Defaults to none. */
  emails?: string[];
  /** Defaults to none: the person chooses. */
  roleId?: string;
  /** Defaults to none, or the organisation's one entity when `settings.multiEntity` is false. */
  entityIds?: string[];
  /** Of `entityIds`, those granted with all their sub-accounts, present and future. Defaults to none. */
  subtreeEntityIds?: string[];
}

/** Options of {@link useInviteForm}. */
export interface UseInviteFormOptions {
  /** Read once, at mount and on {@link UseInviteFormResult.reset}. Defaults to an empty form. */
  defaultValues?: InviteFormDefaults;
  /** Called after each send that reached the server, with its invited, skipped and failed addresses. Defaults to none. */
  onInvited?: (result: InviteUsersResult) => void;
}

/** One chip of the address field. */
export interface InviteChip extends ParsedAddress {
  /** A React key, unique in the list. */
  key: string;
  /** Whether the address is valid, malformed, or listed earlier already. */
  status: AddressStatus;
  /** Why the address needs attention: `invalid`, `duplicate`, or why the last send skipped it. `null` when none. */
  reason: InviteSkipReason | null;
  /** What went wrong when the last send tried to invite it (send it again to retry). `null` when nothing did. */
  failure: InviteFailure | null;
  /** Why the address's domain may not be the one it looks like (`аcme.fr` with a Cyrillic `а`), from the core's `domainRisk`. `null` when none. */
  domainRisk: DomainRisk | null;
}

/** One person of an imported file ({@link UseInviteFormResult.addImported}). */
export interface InviteImportEntry {
  /** The address to send (normalized). */
  email: string;
  firstName: string;
  lastName: string;
  /** The person's own role; `null`: the dialog's. */
  roleId: string | null;
  /** The person's own entities; `null`: the dialog's. */
  entityIds: string[] | null;
}

/** The outcome of the sends so far. */
export interface InviteOutcome {
  /** Every invitation sent since the form opened (or was reset), first send first. */
  invited: Invitation[];
  /** The addresses the last send skipped, with the reason. */
  skipped: InviteUsersResult['skipped'];
  /** The addresses the last send could not invite because something failed, with the error. */
  failed: InviteFailure[];
}

/** What {@link useInviteForm} returns. */
export interface UseInviteFormResult {
  /** The react-hook-form instance (values: {@link InviteFormValues}). */
  form: UseFormReturn<InviteFormValues>;
  /** The organisation settings, once loaded. */
  settings: Settings | undefined;
  roles: Role[];
  modules: Module[];
  /** The role chosen, if any. */
  selectedRole: Role | undefined;
  /** Modules the chosen role can never be granted (admin-only ones for a non-admin role). */
  lockedModuleIds: ReadonlySet<string>;
  /** Whether settings, roles or modules (or the one entity of a single-entity organisation) are still loading. */
  isLoading: boolean;
  /** Why settings, roles or modules (or the one entity) could not be loaded. */
  loadError: UserAdminError | null;
  /** Loads settings, roles and modules again. */
  retryLoad: () => void;
  /** Whether invitations are impossible because users sign in through SSO. */
  ssoEnforced: boolean;
  /** The one entity of a single-entity organisation (preselected, no picker needed); `null` otherwise. */
  singleEntityId: string | null;
  /**
   * Whether "all entities" may be offered as the invitees' admin scope: not by an admin who
   * administers only some entities (the core's `defaultAdminScope` and `scope_too_broad`).
   */
  canGrantAllEntities: boolean;
  /** Whether the admin scope is chosen at all (`settings.features.adminScope !== false`). */
  showAdminScope: boolean;

  /** The address chips, in order. */
  chips: InviteChip[];
  /** How many chips are invalid or duplicates. */
  problemCount: number;
  /** The text typed and not yet turned into chips. */
  inputValue: string;
  setInputValue: (value: string) => void;
  /** Turns the typed text (or `text`) into chips and empties the input. Returns how many chips were added. */
  commitInput: (text?: string) => number;
  /**
   * Adds the addresses of a text (a pasted list) as chips, up to `MAX_INVITE_ADDRESSES` in all: the
   * addresses beyond stay in the input, to send next, and the field says so. Returns how many were
   * added; a long text (over 20,000 characters) is parsed in slices without blocking the page, its
   * chips arrive afterwards ({@link UseInviteFormResult.isParsing}) and it returns 0.
   */
  addText: (text: string) => number;
  /** Whether a long paste is still being parsed. */
  isParsing: boolean;
  /**
   * Set when a send of more than `INVITE_CONFIRM_ABOVE` addresses waits for the admin's
   * confirmation ("Invite 120 people?"); `null` otherwise. Changing the addresses cancels it.
   */
  confirmation: { count: number } | null;
  /** Sends what waits for confirmation. */
  confirmSend: () => Promise<void>;
  /** Goes back to the addresses without sending. */
  cancelConfirm: () => void;
  removeChip: (index: number) => void;
  /** Removes the last chip (Backspace in the empty input). */
  removeLastChip: () => void;
  /** Takes a chip back into the input for correction (anything typed there first becomes chips). */
  editChip: (index: number) => void;
  /**
   * Adds the people of an imported file as chips (up to `MAX_INVITE_ADDRESSES` in all), each with
   * their names, and their own role or entities when the file gave them: the send groups the
   * addresses by role and entities, one request per group, and the others get the dialog's. When
   * the dialog has no role (or no entities) yet, it takes the file's most frequent one. Returns how
   * many were added.
   */
  addImported: (entries: readonly InviteImportEntry[]) => number;

  /** Chooses a role and applies its module preset (admin-only modules cleared for a non-admin role). */
  setRole: (roleId: string) => void;
  /** Sets one module's access level. */
  setPermission: (moduleId: string, level: string) => void;

  /**
   * Commits the typed text, validates, and sends. Nothing is sent while any chip is invalid or a
   * duplicate, nor more than `MAX_INVITE_ADDRESSES`; above `INVITE_CONFIRM_ABOVE` it asks first
   * ({@link UseInviteFormResult.confirmation}).
   */
  submit: (event?: { preventDefault(): void }) => Promise<void>;
  isSubmitting: boolean;
  /** The outcome of the sends so far; `null` before the first. */
  outcome: InviteOutcome | null;
  /** Why the last send failed (network, server); what was entered is kept. `null` when it did not. */
  submitError: UserAdminError | null;
  /** Back to the defaults: chips, choices, outcome and error. */
  reset: () => void;
}

const FORM_FIELDS = new Set(['emails', 'roleId', 'permissions', 'adminScope', 'entityIds', 'subtreeEntityIds']);

/** Where a server field error lands in the form: `emails.2` → `emails`, `adminScope.entityIds` → `adminScope`. */
function formFieldOf(path: string, modules: readonly Module[]): FieldPath<InviteFormValues> | null {
  const [head, ...rest] = path.split('.');
  if (head === 'permissions') {
    const id = rest.join('.');
    return modules.some((m) => m.id === id) && !id.includes('.') ? (`permissions.${id}` as const) : 'permissions';
  }
  // The entity picker shows one error for the entities and their subtree grants.
  if (head === 'scope' || head === 'subtreeEntityIds') return 'entityIds';
  return head && FORM_FIELDS.has(head) ? (head as FieldPath<InviteFormValues>) : null;
}

/**
 * The invite dialog without its looks: a react-hook-form instance over {@link inviteFormSchema},
 * the address chips (typed, pasted, removed, taken back for correction), the role preset and
 * locked modules, the send with its per-address outcome, and resending the skipped and failed addresses
 * without retyping the rest (after a send, the chips hold only the skipped and failed addresses; role,
 * access and entities are kept). A failed send keeps everything; server field errors land on
 * their fields.
 * @example
 * const invite = useInviteForm({ onInvited: (r) => toast(`${r.invited.length} invited`) });
 * <form onSubmit={invite.submit}>
 *   {invite.chips.map((chip, i) => <button key={chip.key} onClick={() => invite.removeChip(i)}>{chip.address}</button>)}
 *   <input value={invite.inputValue} onChange={(e) => invite.setInputValue(e.target.value)} onBlur={() => invite.commitInput()} />
 * </form>
 */
export function useInviteForm(options: UseInviteFormOptions = {}): UseInviteFormResult {
  const { defaultValues, onInvited } = options;
  const settingsQuery = useSettings();
  const rolesQuery = useRoles();
  const modulesQuery = useModules();
  const settings = settingsQuery.data;
  const roles = useMemo(() => rolesQuery.data ?? [], [rolesQuery.data]);
  const modules = useMemo(() => modulesQuery.data ?? [], [modulesQuery.data]);
  const singleEntity = settings !== undefined && !settings.multiEntity;
  const roots = useEntityChildren(null, { enabled: singleEntity, pageSize: 1 });
  const singleEntityId = singleEntity ? (roots.items[0]?.id ?? null) : null;
  const invite = useInviteUsers();
  const queryClient = useQueryClient();
  // The admin scope a new admin gets by default is the inviting admin's own (never broader), and
  // where the admin works decides the entity preselected (the workspace entity at entity level).
  const ownScope = settings ? actingScope(settings) : undefined;
  const scopedAdmin = ownScope?.type === 'entities';
  const adminScopeDefault: InviteFormValues['adminScope'] = defaultAdminScope(ownScope ?? null).type;
  const accessDefault = useMemo(() => (settings && settings.multiEntity ? defaultAccess(settings) : null), [settings]);

  const initialValues = useCallback((): InviteFormValues => {
    const role = roles.find((r) => r.id === defaultValues?.roleId);
    return {
      emails: (defaultValues?.emails ?? []).flatMap((text) => parseEmails(text).map((a) => a.text)),
      roleId: defaultValues?.roleId ?? '',
      permissions: modules.length === 0 ? {} : role ? applyRolePreset(role, modules) : normalizePermissions({}, modules, null),
      adminScope: adminScopeDefault,
      entityIds: defaultValues?.entityIds ?? (singleEntityId ? [singleEntityId] : (accessDefault?.entityIds ?? [])),
      subtreeEntityIds: defaultValues?.subtreeEntityIds ?? [],
    };
    // defaultValues are read at mount and reset only, by design.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roles, modules, singleEntityId, adminScopeDefault, accessDefault]);

  const [firstValues] = useState(initialValues);
  const form = useForm<InviteFormValues>({
    resolver: standardSchemaResolver(inviteFormSchema),
    defaultValues: firstValues,
  });
  const { getValues, setValue } = form;

  const [inputValue, setInputValue] = useState('');
  const [skipReasons, setSkipReasons] = useState<ReadonlyMap<string, InviteSkipReason>>(new Map());
  const [failures, setFailures] = useState<ReadonlyMap<string, InviteFailure>>(new Map());
  const [outcome, setOutcome] = useState<InviteOutcome | null>(null);
  const [submitError, setSubmitError] = useState<UserAdminError | null>(null);
  // The people of an imported file, by address: their names, and their own role or entities.
  const imported = useRef(new Map<string, InviteImportEntry>());

  // Data that arrives after mount fills what the defaults could not: the role preset, the one entity.
  useEffect(() => {
    if (modules.length === 0 || Object.keys(getValues('permissions')).length > 0) return;
    const role = roles.find((r) => r.id === getValues('roleId'));
    if (getValues('roleId') && !role) return; // wait for the roles
    setValue('permissions', role ? applyRolePreset(role, modules) : normalizePermissions({}, modules, null));
  }, [roles, modules, getValues, setValue]);
  useEffect(() => {
    if (singleEntityId && getValues('entityIds').length === 0) setValue('entityIds', [singleEntityId]);
  }, [singleEntityId, getValues, setValue]);
  useEffect(() => {
    if (!accessDefault || defaultValues?.entityIds) return;
    if (getValues('entityIds').length === 0 && accessDefault.entityIds.length > 0) setValue('entityIds', [...accessDefault.entityIds]);
    // defaultValues are read at mount and reset only, by design.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accessDefault, getValues, setValue]);
  useEffect(() => {
    if (scopedAdmin && getValues('adminScope') === 'all') setValue('adminScope', 'entities');
  }, [scopedAdmin, getValues, setValue]);

  const emails = useWatch({ control: form.control, name: 'emails' });
  const roleId = useWatch({ control: form.control, name: 'roleId' });
  const isSubmitted = form.formState.isSubmitted;

  const chips = useMemo<InviteChip[]>(() => {
    const parsed = emails.map(chipAddress);
    const statuses = classifyAddresses(parsed);
    const seen = new Map<string, number>();
    return parsed.map((address, i) => {
      const status = statuses[i]!;
      const n = seen.get(address.text) ?? 0;
      seen.set(address.text, n + 1);
      const reason: InviteSkipReason | null = status === 'valid' ? (skipReasons.get(address.email) ?? null) : status;
      const failure = status === 'valid' && !reason ? (failures.get(address.email) ?? null) : null;
      const risk = address.address.includes('@') ? domainRisk(emailDomain(address.address)) : null;
      return { ...address, key: `${address.text}\u0000${n}`, status, reason, failure, domainRisk: risk };
    });
  }, [emails, skipReasons, failures]);
  const problemCount = chips.filter((c) => c.status !== 'valid').length;

  const setEmails = useCallback(
    (next: string[]) => setValue('emails', next, { shouldDirty: true, shouldValidate: isSubmitted }),
    [setValue, isSubmitted],
  );

  const [isParsing, setIsParsing] = useState(false);
  const parseAbort = useRef<AbortController | null>(null);
  useEffect(() => () => parseAbort.current?.abort(), []);

  // Chips up to the limit; what is beyond goes back into the input, and the field says why.
  const addAddresses = useCallback(
    (found: readonly ParsedAddress[], rest: string) => {
      const room = Math.max(0, MAX_INVITE_ADDRESSES - getValues('emails').length);
      const added = found.slice(0, room).map((a) => a.text);
      const left = restText(found.slice(room), rest);
      if (added.length > 0) setValue('emails', [...getValues('emails'), ...added], { shouldDirty: true });
      if (left) {
        setInputValue((typed) => [left, typed.trim()].filter(Boolean).join(', '));
        form.setError('emails', { type: 'max', message: INVITE_VALIDATION_KEYS.tooManyAddresses });
      } else if (isSubmitted && added.length > 0) {
        void form.trigger('emails');
      }
      return added.length;
    },
    [form, getValues, setValue, isSubmitted],
  );

  const addText = useCallback(
    (text: string) => {
      if (text.length <= SYNC_PARSE_CHARS) return addAddresses(parseEmails(text), '');
      parseAbort.current?.abort();
      const controller = new AbortController();
      parseAbort.current = controller;
      setIsParsing(true);
      const room = Math.max(0, MAX_INVITE_ADDRESSES - getValues('emails').length);
      parseEmailsInSlices(text, { limit: room, signal: controller.signal })
        .then(({ addresses, rest }) => void addAddresses(addresses, rest))
        .catch(() => undefined) // aborted: the form closed or another paste replaced it
        .finally(() => {
          if (parseAbort.current === controller) setIsParsing(false);
        });
      return 0;
    },
    [addAddresses, getValues],
  );

  const commitInput = useCallback(
    (text?: string) => {
      const value = text ?? inputValue;
      setInputValue('');
      return addText(value);
    },
    [addText, inputValue],
  );

  // An address removed or edited is no longer the file's: retyped, it takes the dialog's role and entities.
  const forgetImported = useCallback((text: string | undefined) => {
    if (text !== undefined) for (const address of parseEmails(text)) imported.current.delete(address.email);
  }, []);
  const removeChip = useCallback(
    (index: number) => {
      const current = getValues('emails');
      forgetImported(current[index]);
      setEmails(current.filter((_, i) => i !== index));
    },
    [getValues, setEmails, forgetImported],
  );
  const removeLastChip = useCallback(() => setEmails(getValues('emails').slice(0, -1)), [getValues, setEmails]);
  const editChip = useCallback(
    (index: number) => {
      const current = getValues('emails');
      const text = current[index];
      if (text === undefined) return;
      forgetImported(text);
      const others = current.filter((_, i) => i !== index);
      // A long text left in the input (addresses past the limit) stays there, after the chip's text.
      if (inputValue.length > SYNC_PARSE_CHARS) {
        setEmails(others);
        setInputValue(`${text}, ${inputValue}`);
        return;
      }
      const drafted = parseEmails(inputValue);
      const room = Math.max(0, MAX_INVITE_ADDRESSES - others.length);
      const left = restText(drafted.slice(room));
      setEmails([...others, ...drafted.slice(0, room).map((a) => a.text)]);
      setInputValue(left ? `${text}, ${left}` : text);
    },
    [getValues, setEmails, inputValue, forgetImported],
  );

  const setRole = useCallback(
    (id: string) => {
      setValue('roleId', id, { shouldDirty: true, shouldValidate: isSubmitted });
      const role = roles.find((r) => r.id === id);
      if (modules.length > 0) {
        setValue('permissions', role ? applyRolePreset(role, modules) : normalizePermissions({}, modules, null), { shouldDirty: true });
      }
      if (!role?.isAdmin) setValue('adminScope', adminScopeDefault);
    },
    [setValue, roles, modules, isSubmitted, adminScopeDefault],
  );
  const setPermission = useCallback(
    (moduleId: string, level: string) => {
      setValue('permissions', { ...getValues('permissions'), [moduleId]: level }, { shouldDirty: true });
      form.clearErrors(`permissions.${moduleId}`);
    },
    [form, getValues, setValue],
  );

  const addImported = useCallback(
    (entries: readonly InviteImportEntry[]) => {
      const room = Math.max(0, MAX_INVITE_ADDRESSES - getValues('emails').length);
      const added = entries.slice(0, room);
      if (added.length === 0 && entries.length === 0) return 0;
      for (const entry of added) imported.current.set(entry.email, entry);
      // A chip shows the name; the names sent are the file's, as written.
      const texts = added.map((entry) => {
        const name = `${entry.firstName} ${entry.lastName}`.trim().replace(/["\\]/g, '');
        return name ? `"${name}" <${entry.email}>` : entry.email;
      });
      if (texts.length > 0) setValue('emails', [...getValues('emails'), ...texts], { shouldDirty: true, shouldValidate: isSubmitted });
      if (added.length < entries.length) form.setError('emails', { type: 'max', message: INVITE_VALIDATION_KEYS.tooManyAddresses });
      const mostFrequent = (values: string[]) => {
        const counts = new Map<string, number>();
        for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
        return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      };
      if (!getValues('roleId')) {
        const role = mostFrequent(added.flatMap((entry) => (entry.roleId ? [entry.roleId] : [])));
        if (role) setRole(role);
      }
      if (getValues('entityIds').length === 0) {
        const entities = mostFrequent(added.flatMap((entry) => (entry.entityIds && entry.entityIds.length > 0 ? [JSON.stringify(entry.entityIds)] : [])));
        if (entities) setValue('entityIds', JSON.parse(entities) as string[], { shouldDirty: true, shouldValidate: isSubmitted });
      }
      return added.length;
    },
    [form, getValues, setValue, isSubmitted, setRole],
  );

  const selectedRole = roles.find((r) => r.id === roleId);
  const locked = useMemo(() => new Set(lockedModuleIds(selectedRole ?? null, modules)), [selectedRole, modules]);

  // The addresses waiting for confirmation: changing them asks again.
  const [pendingConfirm, setConfirmation] = useState<readonly string[] | null>(null);
  const confirmed = useRef(false);
  const confirmation = useMemo(
    () => (pendingConfirm && pendingConfirm.length === emails.length && pendingConfirm.every((text, i) => text === emails[i]) ? { count: emails.length } : null),
    [pendingConfirm, emails],
  );

  const onValid = async (values: InviteFormValues) => {
    setSubmitError(null);
    const sent = values.emails.map(chipAddress);
    if (sent.length > INVITE_CONFIRM_ABOVE && !confirmed.current) {
      setConfirmation(values.emails);
      return;
    }
    confirmed.current = false;
    setConfirmation(null);
    const modulePermissions = settings?.features?.modulePermissions !== false && modules.length > 0;
    // Subtree grants only of granted entities, and never to a backend without them.
    const subtreesAllowed = settings?.features?.entitySubtrees !== false && settings?.multiEntity !== false;
    // One request per role and entities: the dialog's, or an imported person's own.
    const groups = new Map<string, { roleId: string; entityIds: string[]; addresses: typeof sent }>();
    for (const address of sent) {
      const own = imported.current.get(address.email);
      const groupRoleId = own?.roleId ?? values.roleId;
      const groupEntityIds = own?.entityIds && own.entityIds.length > 0 ? own.entityIds : values.entityIds;
      const key = `${groupRoleId}\u0000${[...groupEntityIds].sort().join(',')}`;
      const group = groups.get(key) ?? { roleId: groupRoleId, entityIds: groupEntityIds, addresses: [] };
      group.addresses.push(address);
      groups.set(key, group);
    }
    const inputOf = (group: { roleId: string; entityIds: string[]; addresses: typeof sent }): InviteUsersInput => {
      const role = roles.find((r) => r.id === group.roleId);
      // The dialog's access levels for its role; another role's own preset for an imported person's.
      const permissions: ModulePermissions | undefined = !modulePermissions
        ? undefined
        : group.roleId === values.roleId
          ? normalizePermissions(values.permissions, modules, role ?? null)
          : role ? applyRolePreset(role, modules) : normalizePermissions({}, modules, null);
      const subtreeEntityIds = subtreesAllowed ? values.subtreeEntityIds.filter((id) => group.entityIds.includes(id)) : [];
      // Names given with the addresses (`Ana Lima <ana@acme.fr>`, or an imported file's columns) become the invited users' names.
      const names = Object.fromEntries(group.addresses.flatMap((a) => {
        const own = imported.current.get(a.email);
        if (own && (own.firstName || own.lastName)) return [[a.email, { firstName: own.firstName, lastName: own.lastName }] as const];
        return a.name ? [[a.email, splitDisplayName(a.name)] as const] : [];
      }));
      return {
        emails: group.addresses.map((a) => a.email),
        ...(Object.keys(names).length > 0 ? { names } : {}),
        roleId: group.roleId,
        entityIds: group.entityIds,
        ...(subtreeEntityIds.length > 0 ? { subtreeEntityIds } : {}),
        ...(permissions ? { permissions } : {}),
        // An entity user in the workspace entity, as preselected at entity level.
        ...(accessDefault?.scope === 'entity' && group.entityIds.length === 1 ? { scope: 'entity' as const } : {}),
        // The dialog's admin scope is chosen for the dialog's role; an imported line's own admin role,
        // whose scope nobody chose, administers only its own entities (never more than shown).
        adminScope: role?.isAdmin
          ? settings?.multiEntity !== false && (values.adminScope === 'entities' || group.roleId !== values.roleId)
            ? { type: 'entities', entityIds: group.entityIds }
            : { type: 'all' }
          : null,
      };
    };
    const result: InviteUsersResult = { invited: [], skipped: [], failed: [] };
    let sentOne = false;
    let firstError: UserAdminError | null = null;
    for (const group of groups.values()) {
      try {
        const part = await invite.mutateAsync(inputOf(group));
        sentOne = true;
        result.invited.push(...part.invited);
        result.skipped.push(...part.skipped);
        result.failed!.push(...(part.failed ?? []));
      } catch (error) {
        const e = toUserAdminError(error);
        firstError ??= e;
        if (!sentOne && groups.size === 1) {
          setSubmitError(e);
          let first = true;
          for (const [path, code] of Object.entries(e.fieldErrors ?? {})) {
            const field = formFieldOf(path, modules) ?? 'root.server';
            // Too many addresses for the backend: the message that states the limit.
            const message = field === 'emails' && code === 'too_long' ? INVITE_VALIDATION_KEYS.tooManyAddresses : code;
            form.setError(field, { type: 'server', message }, { shouldFocus: first && field !== 'root.server' });
            first = false;
          }
          return;
        }
        // Several requests: the others' outcome stands, this group's addresses failed with the error.
        result.failed!.push(...group.addresses.map((a) => ({ email: a.email, code: e.code, ...(e.reason ? { reason: e.reason } : {}) })));
      }
    }
    // Every request failed: nothing was sent, the form stays as typed and says why (no outcome).
    if (!sentOne && firstError) {
      setSubmitError(firstError);
      return;
    }
    for (const invited of result.invited) imported.current.delete(normalizeEmail(invited.email));
    // The skipped and failed addresses stay as chips, as they were typed; everything else is kept.
    const failed = result.failed ?? [];
    const reasons = new Map(result.skipped.map((s) => [normalizeEmail(s.email), s.reason]));
    const failedByEmail = new Map(failed.map((f) => [normalizeEmail(f.email), f]));
    const kept = sent.filter((a) => reasons.has(a.email) || failedByEmail.has(a.email));
    const unknown = [...result.skipped, ...failed].filter((s) => !sent.some((a) => a.email === normalizeEmail(s.email))).map((s) => s.email);
    setSkipReasons(reasons);
    setFailures(failedByEmail);
    setValue('emails', [...kept.map((a) => a.text), ...unknown], { shouldDirty: true });
    setOutcome((previous) => ({ invited: [...(previous?.invited ?? []), ...result.invited], skipped: result.skipped, failed }));
    onInvited?.(result);
  };

  const submit = async (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    commitInput();
    await form.handleSubmit(onValid)();
  };

  const confirmSend = async () => {
    confirmed.current = true;
    try {
      await form.handleSubmit(onValid)();
    } finally {
      confirmed.current = false;
    }
  };
  const cancelConfirm = useCallback(() => setConfirmation(null), []);

  const reset = useCallback(() => {
    form.reset(initialValues());
    setInputValue('');
    setSkipReasons(new Map());
    setFailures(new Map());
    setOutcome(null);
    setSubmitError(null);
    setConfirmation(null);
    imported.current = new Map();
    parseAbort.current?.abort();
    setIsParsing(false);
  }, [form, initialValues]);

  const loadError = settingsQuery.error ?? rolesQuery.error ?? modulesQuery.error ?? (singleEntity ? roots.error : null) ?? null;
  const retryLoad = useCallback(() => {
    if (settingsQuery.error) void settingsQuery.refetch();
    if (rolesQuery.error) void rolesQuery.refetch();
    if (modulesQuery.error) void modulesQuery.refetch();
    if (roots.error) void queryClient.refetchQueries({ queryKey: userAdminKeys.entities.all });
  }, [settingsQuery, rolesQuery, modulesQuery, roots.error, queryClient]);

  return {
    form,
    settings,
    roles,
    modules,
    selectedRole,
    lockedModuleIds: locked,
    isLoading: settingsQuery.isLoading || rolesQuery.isLoading || modulesQuery.isLoading || (singleEntity && roots.isLoading),
    loadError,
    retryLoad,
    ssoEnforced: settings?.sso.enforced === true,
    singleEntityId,
    canGrantAllEntities: !scopedAdmin,
    showAdminScope: settings?.features?.adminScope !== false,
    chips,
    problemCount,
    inputValue,
    setInputValue,
    commitInput,
    addText,
    isParsing,
    confirmation,
    confirmSend,
    cancelConfirm,
    removeChip,
    removeLastChip,
    editChip,
    addImported,
    setRole,
    setPermission,
    submit,
    isSubmitting: invite.isPending,
    outcome,
    submitError,
    reset,
  };
}
