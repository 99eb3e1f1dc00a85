import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form';
import { UserAdminError, toUserAdminError } from '../contract/errors';
import type { Invitation, Module, Role, Settings, User, UserKind, UserPatch, UserScope } from '../contract/types';
import { useEntityChildren } from '../entities/useEntities';
import {
  applyRolePreset, checkAccessChange, defaultAccess, defaultAdminScope, emailChangeOutcome, normalizePermissions,
  readOnlyProfileFields, refusalError, ssoRefusal, type Refusal,
} from '../core';
import { useActingRules } from '../entities/useActingRules';
import { useEntitiesByIds } from '../entities/useEntities';
import { userAdminKeys } from '../query/keys';
import { userQueryOptions } from '../query/options';
import { retryingOf } from '../query/useListState';
import { useUserAdminContext } from '../provider/context';
import { useModules } from '../settings/useModules';
import { useRoles } from '../settings/useRoles';
import { useSettings } from '../settings/useSettings';
import { useCreateUser } from '../users/useCreateUser';
import { useUpdateUser } from '../users/useUpdateUser';
import { useUser } from '../users/useUser';
import {
  editorFieldOf, toCreateContactInput, toCreateLoginInput, toUserPatch, userEditorResolver,
  valuesFromUser, type UserEditorContext, type UserEditorProfileField, type UserEditorValues,
} from './userEditor.schema';

/** What a save did: the user as the server has it now, and what the server sent them. */
export interface UserEditorSaveResult {
  user: User;
  /** `true` after a creation, `false` after an edit. */
  created: boolean;
  /**
   * What the email change sent: `registration_request_sent` when a login user's new address awaits
   * their confirmation; `invitation_resent` when an invited user's invitation went again to the new
   * address (the core's {@link emailChangeOutcome} `reinvite`; never under enforced SSO); else `none`.
   */
  emailChange: 'none' | 'registration_request_sent' | 'invitation_resent';
  /** The invitation a new login user was sent; `null` otherwise. */
  invitation: Invitation | null;
}

/** Options of {@link useUserEditor}. */
export interface UseUserEditorOptions {
  /** The user to edit; `null` or `undefined` to create one. Defaults to `undefined` (create). */
  userId?: string | null;
  /** The kind a creation starts with, when the organisation allows it. Defaults to `'login'`. */
  defaultKind?: UserKind;
  /** Called after each successful save. Defaults to none. */
  onSaved?: (result: UserEditorSaveResult) => void;
  /**
   * What a creation starts with, over the empty form (e.g. `{ entityIds: [entityId] }` to create in
   * an entity). Read once, when the settings are loaded. Ignored in an edit. Defaults to none.
   */
  defaultValues?: Partial<UserEditorValues>;
}

/**
 * What changing the email will do, decided before saving: a login user who confirmed an address
 * gets a registration request (`registration_request`), an invited one gets the invitation again
 * at once (`invitation_resent`), a contact's email just changes (`immediate`); saving the current
 * address while a change is pending cancels it (`cancel_pending`).
 */
export type UserEditorEmailChange = 'none' | 'registration_request' | 'invitation_resent' | 'immediate' | 'cancel_pending';

/** How a submit ended. */
export type UserEditorSubmitOutcome = 'saved' | 'unchanged' | 'invalid' | 'confirm' | 'failed';

/** A login user's new address waiting for confirmation. */
export interface UserEditorPendingEmail {
  email: string;
  /** When the registration request expires; `null` when unknown. */
  expiresAt: string | null;
  expired: boolean;
}

/** What {@link useUserEditor} returns. */
export interface UseUserEditorResult {
  /** The react-hook-form instance (values: {@link UserEditorValues}). */
  form: UseFormReturn<UserEditorValues>;
  mode: 'create' | 'edit';
  /** The kind of the form: chosen at creation, the user's in an edit. */
  kind: UserKind;
  /** The user being edited once loaded; `null` when creating. */
  user: User | null;
  settings: Settings | undefined;
  roles: Role[];
  modules: Module[];
  /** The role chosen in the form. */
  selectedRole: Role | undefined;
  /** Whether settings, roles, modules (or the user) are still loading. */
  isLoading: boolean;
  /** Why settings, roles or modules could not be loaded. */
  loadError: UserAdminError | null;
  /** Why the user could not be loaded (edit); see also {@link UseUserEditorResult.notFound}. */
  userError: UserAdminError | null;
  /** The user to edit does not exist (any more). */
  notFound: boolean;
  /** Loads again what failed. */
  retryLoad: () => void;
  /**
   * While a failed load of settings, roles, modules (or the user) is retried automatically: the
   * failure and how many so far (a rate-limited one waits for its `retryAfterMs`, see
   * `LoadingState`'s `retrying`); `null` otherwise.
   */
  retrying: { error: UserAdminError; failureCount: number } | null;

  /** Whether a login user can be created here (not under enforced SSO). */
  canCreateLogin: boolean;
  /** Whether a contact can be created here (the backend has contacts). */
  canCreateContact: boolean;
  /** Creating: whether anything can be created at all. Editing: always `true`. */
  canCreate: boolean;
  /** The SSO provider's name, when the organisation has one. */
  ssoProviderName: string | null;
  /** Whether the organisation has several entities (then scope and entities are chosen). */
  multiEntity: boolean;
  /** Whether usernames exist under the policy, with their minimum length. */
  usernamePolicy: { required: boolean; minLength: number };
  /** Whether the phone field shows. */
  showPhone: boolean;
  /** Whether module access shows (login users, when the backend has module permissions). */
  showModules: boolean;
  /** Whether an entity can be granted with its sub-accounts (group users, when the backend supports it). */
  allowSubtrees: boolean;
  /** Profile fields that cannot be changed here. */
  readOnlyFields: ReadonlySet<UserEditorProfileField>;
  /** A group user at entity level: the whole profile is edited at group level. */
  groupProfileReadOnly: boolean;
  /**
   * An SSO-created user: the fields the identity provider owns (empty otherwise, and empty when
   * {@link groupProfileReadOnly} already makes the whole profile read-only).
   */
  ssoManagedFields: ReadonlySet<UserEditorProfileField>;
  /**
   * Whether "all entities" may be offered as an admin scope: not to an admin who administers only
   * some entities (`scope_too_broad`), nor on a backend without admin scopes.
   */
  canGrantAllEntities: boolean;
  /** Whether the admin scope is chosen at all (`settings.features.adminScope !== false`). */
  showAdminScope: boolean;
  /**
   * Why the access as now chosen cannot be saved, from the core's `checkAccessChange` (own
   * demotion or admin scope: `self_action`; a user outside the admin's scope: `outside_scope`;
   * a broader admin scope: `scope_too_broad`). `null` when it can (or when creating).
   */
  accessRefusal: Refusal | null;
  /**
   * Why giving the edited user this role would be refused (`checkAccessChange`: one's own
   * demotion, a user outside the admin's scope), to disable it; `null` when allowed or creating.
   */
  roleRefusal: (roleId: string) => Refusal | null;

  /** What changing the email will do, from what is typed now. */
  emailChange: UserEditorEmailChange;
  /** The new address the user must still confirm, if any (from `user.pendingEmail`). */
  emailChangePending: UserEditorPendingEmail | null;
  /** A save waits for the admin to confirm sending a registration request. */
  needsEmailConfirmation: boolean;
  /** Confirms the registration request and saves. */
  confirmEmailChange: () => Promise<UserEditorSubmitOutcome>;
  /** Goes back to the form without saving; nothing typed is lost. */
  cancelEmailChange: () => void;

  /** Chooses login user or contact (creation only). */
  setKind: (kind: UserKind) => void;
  /** Chooses a role and applies its module preset (admin-only modules cleared for a non-admin role). */
  setRole: (roleId: string) => void;
  /** Group user or entity user; an entity user keeps only the first entity and no sub-accounts. */
  setScope: (scope: UserScope) => void;

  /** Validates and saves (an edit sends only what changed). Never resets the form on failure. */
  submit: (event?: { preventDefault(): void }) => Promise<UserEditorSubmitOutcome>;
  isSubmitting: boolean;
  /** Why the last save failed; `null` when it did not. */
  submitError: UserAdminError | null;
  /** The last successful save of this form; `null` before. */
  lastResult: UserEditorSaveResult | null;
  /**
   * The user as the form opened (or was last saved or reloaded): what an edit is compared with, and
   * whose `version` is sent as `expectedVersion`. A refetch while the form is open does not move it.
   * `null` when creating or before the user is loaded.
   */
  openedUser: User | null;
  /** The last save was refused because someone else changed the user since the form opened (`conflict`/`stale`). */
  staleConflict: boolean;
  /**
   * Loads the user as the server has it now and starts the comparison from it: the fields the admin
   * changed keep what was typed, every other field takes the server's value. Clears the save error.
   */
  reloadLatest: () => Promise<void>;
  /** Whether {@link reloadLatest} is loading. */
  isReloading: boolean;
  /** Set after {@link reloadLatest}: the fields whose typed values were kept over the server's (empty if none). */
  reloadedKeptFields: readonly (keyof UserEditorValues)[] | null;
}

const NO_FIELDS: ReadonlySet<UserEditorProfileField> = new Set();

function emptyValues(kind: UserKind): UserEditorValues {
  return {
    kind, firstName: '', lastName: '', email: '', username: '', phone: '', roleId: '', adminScopeType: 'all',
    adminScopeEntityIds: [], scope: 'group', entityIds: [], subtreeEntityIds: [], permissions: {},
  };
}

/**
 * The user editor without its looks: a react-hook-form instance checked by the adapter's schemas
 * (`createLoginUserSchema(policy)`, `createContactSchema`, `userPatchSchema(policy)`), for creating
 * a login user (who is invited) or a contact, or editing a user (`userId`, loaded with `useUser`;
 * only changed fields are sent). It knows the rules: the kinds that can be created (SSO, contacts),
 * read-only profile fields (SSO-managed fields, a group user at entity level), the role preset and
 * admin-only modules, what an email change does (with a confirmation step before a registration
 * request), and server field errors put back on their fields. A failed save keeps what was typed.
 * @example
 * const editor = useUserEditor({ userId, onSaved: ({ user }) => toast(`${user.firstName} saved`) });
 * <form onSubmit={editor.submit}>
 *   <input {...editor.form.register('firstName')} readOnly={editor.readOnlyFields.has('firstName')} />
 *   {editor.needsEmailConfirmation ? <button onClick={editor.confirmEmailChange}>Send</button> : null}
 * </form>
 */
export function useUserEditor(options: UseUserEditorOptions = {}): UseUserEditorResult {
  const { userId = null, defaultKind = 'login', onSaved, defaultValues } = options;
  const mode: 'create' | 'edit' = userId ? 'edit' : 'create';
  const settingsQuery = useSettings();
  const rolesQuery = useRoles();
  const modulesQuery = useModules();
  const userQuery = useUser(userId);
  const queryClient = useQueryClient();
  const { adapter } = useUserAdminContext('useUserEditor');
  const settings = settingsQuery.data;
  const roles = useMemo(() => rolesQuery.data ?? [], [rolesQuery.data]);
  const modules = useMemo(() => modulesQuery.data ?? [], [modulesQuery.data]);
  // A row from a list page stands in while the user loads: wait for the user itself.
  const user = mode === 'edit' && userQuery.data && !userQuery.isPlaceholderData ? userQuery.data : null;
  const singleEntity = settings !== undefined && !settings.multiEntity;
  const roots = useEntityChildren(null, { enabled: singleEntity, pageSize: 1 });
  const singleEntityId = singleEntity ? (roots.items[0]?.id ?? null) : null;
  const create = useCreateUser();
  const update = useUpdateUser();

  const features = settings?.features;
  const multiEntity = settings?.multiEntity !== false;
  // The core's SSO rule: no login user is created by hand under enforced SSO.
  const canCreateLogin = settings !== undefined && ssoRefusal(settings.sso.enforced, 'createLoginUser') === null;
  const canCreateContact = settings !== undefined && features?.contacts !== false;
  const policy = settings?.username ?? { mode: 'none' as const };

  // The core's rules for the acting admin (scope narrowed to the workspace entity at entity level).
  const userEntityIds = useMemo(
    () => (user ? [...new Set([...user.entityIds, ...(user.adminScope?.type === 'entities' ? user.adminScope.entityIds : [])])].sort() : []),
    [user],
  );
  const userEntities = useEntitiesByIds(userEntityIds);
  const hiddenEntityIds = useMemo(
    () => (userEntities.isSuccess ? userEntityIds.filter((id) => !userEntities.byId.has(id)) : []),
    [userEntities.isSuccess, userEntities.byId, userEntityIds],
  );
  const { rules, scope: ownScope, scoped } = useActingRules(userEntities.byId, hiddenEntityIds);
  const adminScopeDefault = useMemo(() => defaultAdminScope(ownScope ?? null), [ownScope]);
  const showAdminScope = features?.adminScope !== false;

  // Who owns the profile fields is the core's rule (a group user's profile at entity level, the
  // identity provider's fields of an SSO-created user); the editor only edits an existing user's.
  const profileOwnership = useMemo(
    () => (mode === 'edit' && settings && user ? readOnlyProfileFields(settings, user) : null),
    [mode, settings, user],
  );
  const groupProfileReadOnly = profileOwnership?.reason === 'group_profile_read_only';
  const ssoManagedFields = useMemo<ReadonlySet<UserEditorProfileField>>(
    () => (profileOwnership?.reason === 'managed_by_idp' ? new Set(profileOwnership.fields) : NO_FIELDS),
    [profileOwnership],
  );
  const readOnlyFields = useMemo<ReadonlySet<UserEditorProfileField>>(
    () => (profileOwnership && profileOwnership.fields.length > 0 ? new Set(profileOwnership.fields) : NO_FIELDS),
    [profileOwnership],
  );

  // The user as the form opened: an edit is measured against it (never against the live query, which
  // a refetch may move while the admin types), and its version is the one a save expects.
  const [openedUser, setOpenedUser] = useState<User | null>(null);
  const baseline = mode === 'edit' && user && openedUser?.id === user.id ? openedUser : user;

  const form = useForm<UserEditorValues>({
    defaultValues: emptyValues(defaultKind),
    resolver: (values, context, opts) => userEditorResolver(() => contextRef.current)(values, context, opts),
  });
  const { getValues, setValue, reset } = form;

  const kindValue = useWatch({ control: form.control, name: 'kind' });
  const kind: UserKind = mode === 'edit' ? (user?.kind ?? 'login') : kindValue;
  const showModules = kind === 'login' && features?.modulePermissions !== false && modules.length > 0;
  const scopeValue = useWatch({ control: form.control, name: 'scope' });
  const allowSubtrees = kind === 'login' && scopeValue === 'group' && features?.entitySubtrees !== false;

  const ctx: UserEditorContext = {
    mode, policy, user: baseline, roles, modules, multiEntity,
    phone: features?.phone !== false,
    modulePermissions: showModules,
    subtrees: features?.entitySubtrees !== false,
    readOnlyFields,
  };
  const contextRef = useRef(ctx);
  contextRef.current = ctx;

  // The form starts from the settings (creation) or the user (edit) once they are here, and again
  // after a save; never while the person is typing.
  const initialised = useRef<string | null>(null);
  const setupReady = settings !== undefined && !rolesQuery.isLoading && !modulesQuery.isLoading && (!singleEntity || !roots.isLoading);
  useEffect(() => {
    if (!setupReady) return;
    if (mode === 'edit') {
      if (!user || initialised.current === user.id) return;
      initialised.current = user.id;
      setOpenedUser(user);
      reset(valuesFromUser(user, modules, roles));
      return;
    }
    if (initialised.current === 'create') return;
    initialised.current = 'create';
    const start: UserKind =
      defaultKind === 'contact' ? (canCreateContact ? 'contact' : 'login') : canCreateLogin ? 'login' : canCreateContact ? 'contact' : 'login';
    reset({
      ...emptyValues(start),
      // Where the admin works decides where a new user lands (an entity user in the workspace entity at entity level).
      ...(() => {
        const access = defaultAccess(settings);
        const scope: UserScope = multiEntity && start === 'login' ? access.scope : 'entity';
        return { scope, entityIds: singleEntityId ? [singleEntityId] : access.entityIds.slice(0, scope === 'entity' ? 1 : undefined) };
      })(),
      adminScopeType: adminScopeDefault.type,
      adminScopeEntityIds: adminScopeDefault.type === 'entities' ? [...adminScopeDefault.entityIds] : [],
      permissions: modules.length > 0 ? normalizePermissions({}, modules, null) : {},
      ...defaultValues,
      kind: start,
    });
    const role = roles.find((r) => r.id === defaultValues?.roleId);
    if (role && modules.length > 0 && !defaultValues?.permissions) setValue('permissions', applyRolePreset(role, modules));
    // defaultValues are read once, by design.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [setupReady, mode, user, modules, roles, reset, defaultKind, canCreateContact, canCreateLogin, multiEntity, singleEntityId]);

  const isSubmitted = form.formState.isSubmitted;
  const setKind = useCallback(
    (next: UserKind) => {
      if (mode === 'edit') return;
      setValue('kind', next, { shouldDirty: true });
      if (next === 'contact') {
        setValue('scope', 'entity');
        setValue('entityIds', getValues('entityIds').slice(0, 1), { shouldValidate: isSubmitted });
        setValue('subtreeEntityIds', []);
      } else if (multiEntity) {
        setValue('scope', 'group');
      }
      form.clearErrors();
    },
    [mode, setValue, getValues, multiEntity, form, isSubmitted],
  );

  const setRole = useCallback(
    (id: string) => {
      setValue('roleId', id, { shouldDirty: true, shouldValidate: isSubmitted });
      const role = roles.find((r) => r.id === id);
      if (modules.length > 0) {
        setValue('permissions', role ? applyRolePreset(role, modules) : normalizePermissions(getValues('permissions'), modules, null), {
          shouldDirty: true,
        });
      }
      form.clearErrors('permissions');
      if (!role?.isAdmin) {
        // Back to the default a new admin gets: the granting admin's own scope (never broader).
        setValue('adminScopeType', adminScopeDefault.type);
        setValue('adminScopeEntityIds', adminScopeDefault.type === 'entities' ? [...adminScopeDefault.entityIds] : []);
        form.clearErrors('adminScopeEntityIds');
      } else if (scoped && getValues('adminScopeType') === 'all') {
        // "All entities" is broader than a scoped admin's own: start from their scope.
        setValue('adminScopeType', adminScopeDefault.type, { shouldDirty: true });
        setValue('adminScopeEntityIds', adminScopeDefault.type === 'entities' ? [...adminScopeDefault.entityIds] : [], { shouldDirty: true });
      }
    },
    [setValue, getValues, roles, modules, form, isSubmitted, adminScopeDefault, scoped],
  );

  const setScope = useCallback(
    (next: UserScope) => {
      setValue('scope', next, { shouldDirty: true });
      if (next === 'entity') {
        setValue('entityIds', getValues('entityIds').slice(0, 1), { shouldDirty: true, shouldValidate: isSubmitted });
        setValue('subtreeEntityIds', [], { shouldDirty: true });
      }
    },
    [setValue, getValues, isSubmitted],
  );

  const roleId = useWatch({ control: form.control, name: 'roleId' });
  const selectedRole = roles.find((r) => r.id === roleId);

  // What the typed email will do.
  const email = useWatch({ control: form.control, name: 'email' });
  const typed = (email ?? '').trim().toLowerCase();
  let emailChange: UserEditorEmailChange = 'none';
  if (mode === 'edit' && baseline && !readOnlyFields.has('email') && typed !== '') {
    const before = (baseline.pendingEmail ?? baseline.email).toLowerCase();
    if (typed !== before) {
      // The core's email-change rule: nothing is sent under enforced SSO, nor to a contact.
      const outcome = emailChangeOutcome({
        kind: baseline.kind, status: baseline.status, ssoEnforced: settings?.sso.enforced === true, confirmation: features?.emailChangeConfirmation !== false,
      });
      if (outcome === 'replace') emailChange = 'immediate';
      else if (outcome === 'reinvite') emailChange = 'invitation_resent';
      else if (baseline.pendingEmail && typed === baseline.email.toLowerCase()) emailChange = 'cancel_pending';
      else emailChange = 'registration_request';
    }
  }
  const pendingInvitation = user?.invitation?.kind === 'registration_request' ? user.invitation : null;
  const emailChangePending: UserEditorPendingEmail | null = user?.pendingEmail
    ? {
        email: user.pendingEmail,
        expiresAt: pendingInvitation?.expiresAt ?? null,
        expired: pendingInvitation?.status === 'expired',
      }
    : null;

  function accessRefusalOf(editing: User, patch: UserPatch): Refusal | null {
    if (!rules) return null;
    const roleOf = (id: string | null | undefined) => (id ? contextRef.current.roles.find((r) => r.id === id) : undefined);
    const wasAdmin = roleOf(editing.roleId)?.isAdmin === true;
    const staysAdmin = patch.roleId === undefined ? wasAdmin : roleOf(patch.roleId)?.isAdmin === true;
    return checkAccessChange(rules, editing, {
      wasAdmin,
      staysAdmin,
      ...(patch.adminScope !== undefined ? { adminScope: patch.adminScope } : {}),
      ...(patch.entityIds !== undefined ? { entityIds: patch.entityIds } : {}),
    });
  }
  const watchedValues = useWatch({ control: form.control });
  let accessRefusal: Refusal | null = null;
  if (mode === 'edit' && baseline && setupReady) {
    try {
      accessRefusal = accessRefusalOf(baseline, toUserPatch({ ...getValues(), ...watchedValues } as UserEditorValues, ctx));
    } catch {
      accessRefusal = null;
    }
  }

  const roleRefusal = (roleId: string): Refusal | null =>
    mode === 'edit' && baseline && roleId !== baseline.roleId ? accessRefusalOf(baseline, { roleId }) : null;

  const [needsEmailConfirmation, setNeedsEmailConfirmation] = useState(false);
  const [submitError, setSubmitError] = useState<UserAdminError | null>(null);
  const [lastResult, setLastResult] = useState<UserEditorSaveResult | null>(null);
  const [isReloading, setIsReloading] = useState(false);
  const [reloadedKeptFields, setReloadedKeptFields] = useState<readonly (keyof UserEditorValues)[] | null>(null);

  const fail = (error: unknown): UserEditorSubmitOutcome => {
    const e = toUserAdminError(error);
    setSubmitError(e);
    let focus: FieldPath<UserEditorValues> | null = null;
    for (const [path, code] of Object.entries(e.fieldErrors ?? {})) {
      const field = editorFieldOf(path, modules);
      if (!field) {
        form.setError('root.server', { type: 'server', message: code });
        continue;
      }
      form.setError(field, { type: 'server', message: code });
      focus ??= field.startsWith('permissions.') ? 'permissions' : field;
    }
    if (focus) {
      // After the render that shows the errors, so the field is there and enabled.
      const target = focus;
      setTimeout(() => {
        try {
          form.setFocus(target);
        } catch {
          // A field without a focusable control (a host's own layout): the error is shown anyway.
        }
      }, 0);
    }
    return 'failed';
  };

  const save = async (values: UserEditorValues, confirmed: boolean): Promise<UserEditorSubmitOutcome> => {
    const current = contextRef.current;
    setSubmitError(null);
    setReloadedKeptFields(null);
    if (current.mode === 'edit') {
      const editing = current.user;
      if (!editing) return 'invalid';
      const patch = toUserPatch(values, current);
      if (patch.email !== undefined) patch.email = patch.email.trim().toLowerCase();
      if (Object.keys(patch).length === 0) return 'unchanged';
      // The core's rules, as in the permission matrix: no own demotion or admin scope change, only
      // a user the admin administers, nothing broader than the admin's own scope.
      const refusal = accessRefusalOf(editing, patch);
      if (refusal) return fail(refusalError(refusal));
      const emailOutcome = patch.email !== undefined && patch.email !== editing.email.toLowerCase()
        ? emailChangeOutcome({
          kind: editing.kind, status: editing.status, ssoEnforced: settings?.sso.enforced === true,
          confirmation: settings?.features?.emailChangeConfirmation !== false,
        })
        : null;
      const needsConfirmation = emailOutcome === 'registration_request';
      if (needsConfirmation && !confirmed) {
        setNeedsEmailConfirmation(true);
        return 'confirm';
      }
      try {
        const result = await update.mutateAsync({
          id: editing.id,
          patch,
          ...(editing.version !== undefined ? { expectedVersion: editing.version } : {}),
        });
        setNeedsEmailConfirmation(false);
        const emailChange = result.emailChange === 'none' && emailOutcome === 'reinvite' ? 'invitation_resent' : result.emailChange;
        const saved: UserEditorSaveResult = { user: result.user, created: false, emailChange, invitation: null };
        // The form now starts from the saved user (the diff of a next save is against it).
        initialised.current = result.user.id;
        setOpenedUser(result.user);
        reset(valuesFromUser(result.user, current.modules, current.roles));
        setLastResult(saved);
        onSaved?.(saved);
        return 'saved';
      } catch (error) {
        setNeedsEmailConfirmation(false);
        return fail(error);
      }
    }
    const input = values.kind === 'contact' ? toCreateContactInput(values, current) : toCreateLoginInput(values, current);
    input.email = input.email.trim().toLowerCase();
    try {
      const result = await create.mutateAsync(input);
      const saved: UserEditorSaveResult = { user: result.user, created: true, emailChange: 'none', invitation: result.invitation };
      setLastResult(saved);
      onSaved?.(saved);
      return 'saved';
    } catch (error) {
      return fail(error);
    }
  };

  const submit = async (event?: { preventDefault(): void }): Promise<UserEditorSubmitOutcome> => {
    event?.preventDefault();
    if (mode === 'create' && !(kindValue === 'login' ? canCreateLogin : canCreateContact)) return 'invalid';
    let outcome: UserEditorSubmitOutcome = 'invalid';
    await form.handleSubmit(async (values) => {
      outcome = await save(values, false);
    })();
    return outcome;
  };

  const confirmEmailChange = async (): Promise<UserEditorSubmitOutcome> => save(getValues(), true);
  const cancelEmailChange = useCallback(() => setNeedsEmailConfirmation(false), []);

  const staleConflict = submitError?.code === 'conflict' && submitError.reason === 'stale';
  const reloadLatest = async (): Promise<void> => {
    if (mode !== 'edit' || !userId) return;
    setIsReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({ ...userQueryOptions(adapter, userId), staleTime: 0 });
      const current = contextRef.current;
      const values = getValues();
      const opened = baseline ? valuesFromUser(baseline, current.modules, current.roles) : null;
      // The fields the admin changed since the form opened keep what was typed.
      const kept = (Object.keys(values) as (keyof UserEditorValues)[]).filter(
        (key) => opened !== null && JSON.stringify(values[key]) !== JSON.stringify(opened[key]),
      );
      initialised.current = fresh.id;
      setOpenedUser(fresh);
      reset(valuesFromUser(fresh, current.modules, current.roles));
      for (const key of kept) setValue(key, values[key] as never, { shouldDirty: true });
      setSubmitError(null);
      setReloadedKeptFields(kept);
    } catch (error) {
      setSubmitError(toUserAdminError(error));
    } finally {
      setIsReloading(false);
    }
  };

  const notFound = mode === 'edit' && userQuery.error?.code === 'not_found';
  const loadError = settingsQuery.error ?? rolesQuery.error ?? modulesQuery.error ?? (singleEntity ? roots.error : null) ?? null;
  const retryLoad = useCallback(() => {
    if (settingsQuery.error) void settingsQuery.refetch();
    if (rolesQuery.error) void rolesQuery.refetch();
    if (modulesQuery.error) void modulesQuery.refetch();
    if (userQuery.error) void userQuery.refetch();
    if (roots.error) void queryClient.refetchQueries({ queryKey: userAdminKeys.entities.all });
  }, [settingsQuery, rolesQuery, modulesQuery, userQuery, roots.error, queryClient]);

  return {
    form,
    mode,
    kind,
    user,
    settings,
    roles,
    modules,
    selectedRole,
    isLoading: !setupReady || settingsQuery.isLoading || (mode === 'edit' && !user && !userQuery.error),
    loadError,
    userError: mode === 'edit' ? (userQuery.error ?? null) : null,
    notFound,
    retryLoad,
    retrying: retryingOf(settingsQuery) ?? retryingOf(rolesQuery) ?? retryingOf(modulesQuery) ?? (mode === 'edit' ? retryingOf(userQuery) : null),
    canCreateLogin,
    canCreateContact,
    canCreate: mode === 'edit' || canCreateLogin || canCreateContact,
    ssoProviderName: settings?.sso.providerName ?? null,
    multiEntity,
    usernamePolicy: { required: policy.mode === 'required', minLength: policy.mode === 'required' ? policy.minLength : 0 },
    showPhone: features?.phone !== false,
    showModules,
    allowSubtrees,
    readOnlyFields,
    groupProfileReadOnly,
    ssoManagedFields,
    canGrantAllEntities: !scoped && showAdminScope,
    showAdminScope,
    accessRefusal,
    roleRefusal,
    emailChange,
    emailChangePending,
    needsEmailConfirmation,
    confirmEmailChange,
    cancelEmailChange,
    setKind,
    setRole,
    setScope,
    submit,
    isSubmitting: create.isPending || update.isPending,
    submitError,
    lastResult,
    openedUser: mode === 'edit' ? baseline : null,
    staleConflict,
    reloadLatest,
    isReloading,
    reloadedKeptFields,
  };
}
