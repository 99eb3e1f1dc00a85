/**
 * The access-control configuration shared by the dev better-auth server and the adapter that
 * talks to it: the `ac` statements (better-auth's built-in organization resources plus four
 * application modules), the static roles given to the organization plugin, the dynamic roles the
 * seed creates in every organization, and the same facts described for the adapter
 * (`modules`, `roles`).
 *
 * A host does the same: it passes `ac` and `roles` to `organization()` on the server, and the
 * module and role descriptions (or the very same `roles` object) to `createBetterAuthAdapter`.
 */
import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';
import type { BetterAuthModuleOption, BetterAuthStaticRoleOption } from '../../src/adapters/better-auth';

/**
 * The application modules, as `ac` resources with their actions in increasing order.
 * @example
 * Object.keys(MODULE_STATEMENTS); // ['pricing', 'documents', 'reports', 'communication']
 */
export const MODULE_STATEMENTS = {
  pricing: ['view', 'edit'],
  documents: ['view', 'edit'],
  reports: ['view', 'export'],
  communication: ['on'],
} as const;

/**
 * Every statement of the access controller: better-auth's organization resources and the modules.
 * @example
 * statements.pricing; // ['view', 'edit']
 */
export const statements = { ...defaultStatements, ...MODULE_STATEMENTS } as const;

/**
 * The access controller the server's organization plugin is given.
 * @example
 * organization({ ac, roles, dynamicAccessControl: { enabled: true } });
 */
export const ac = createAccessControl(statements);

const everyModule = {
  pricing: ['view', 'edit'],
  documents: ['view', 'edit'],
  reports: ['view', 'export'],
  communication: ['on'],
} as const;

/**
 * The static roles: `owner` and `admin` hold every organization permission and every module;
 * `member` reads documents.
 * @example
 * organization({ ac, roles: staticRoles });
 */
export const staticRoles = {
  owner: ac.newRole({
    organization: ['update', 'delete'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel'],
    team: ['create', 'update', 'delete'],
    ac: ['create', 'read', 'update', 'delete'],
    ...everyModule,
  }),
  admin: ac.newRole({
    organization: ['update'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel'],
    team: ['create', 'update', 'delete'],
    ac: ['create', 'read', 'update', 'delete'],
    ...everyModule,
  }),
  member: ac.newRole({ documents: ['view'] }),
};

/**
 * The dynamic roles the seed creates in every organization (dynamic access control), by name.
 * @example
 * DYNAMIC_ROLES.editor; // { documents: ['view', 'edit'], communication: ['on'] }
 */
export const DYNAMIC_ROLES: Record<string, Record<string, string[]>> = {
  editor: { documents: ['view', 'edit'], communication: ['on'] },
  analyst: { documents: ['view'], reports: ['view', 'export'] },
};

/**
 * The modules as the adapter describes them: `pricing` is admin-only.
 * @example
 * createBetterAuthAdapter({ baseURL, modules: BETTER_AUTH_MODULES, roles: BETTER_AUTH_ROLES });
 */
export const BETTER_AUTH_MODULES: BetterAuthModuleOption[] = [
  { id: 'pricing', name: 'Pricing', adminOnly: true, levels: ['none', 'view', 'edit'] },
  { id: 'documents', name: 'Documents', levels: ['none', 'view', 'edit'] },
  { id: 'reports', name: 'Reports', levels: ['none', 'view', 'export'] },
  { id: 'communication', name: 'Communication', levels: ['off', 'on'] },
];

/**
 * The static roles as the adapter describes them (names and descriptions; the permissions come
 * from `staticRoles`' statements). Passing `staticRoles` itself works too; names are then the ids.
 * @example
 * createBetterAuthAdapter({ baseURL, roles: BETTER_AUTH_ROLES });
 */
export const BETTER_AUTH_ROLES: BetterAuthStaticRoleOption[] = [
  { id: 'owner', name: 'Owner', description: 'Owns the organization.', permissions: staticRoles.owner.statements },
  { id: 'admin', name: 'Administrator', description: 'Manages members and every module.', permissions: staticRoles.admin.statements },
  { id: 'member', name: 'Member', description: 'Reads documents.', permissions: staticRoles.member.statements },
];
