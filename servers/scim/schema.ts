/**
 * The user-admin extension schemas of the SCIM test server, as SCIMMY schema definitions.
 * docs/adapters/scim.md shows the same schemas as the JSON a host adds to its own provider.
 */
import SCIMMY from 'scimmy';

/** URN of the extension on Users: what SCIM core lacks for user-admin-kit. */
export const USER_EXTENSION_URN = 'urn:ietf:params:scim:schemas:extension:user-admin:2.0:User';
/** URN of the extension on Groups that makes a Group a role. */
export const GROUP_EXTENSION_URN = 'urn:ietf:params:scim:schemas:extension:user-admin:2.0:Group';
/** Multi-valued simple attributes of the User extension (the server matches `attr eq "x"` on any of their values). */
export const MULTI_VALUED_STRINGS = ['entityIds', 'subtreeEntityIds', 'adminScope'] as const;

const A = SCIMMY.Types.Attribute;

const permission = () =>
  new A('complex', 'permissions', { multiValued: true, description: 'Module access: one { module, level } per module granted above its first level.' }, [
    new A('string', 'module', { required: true, caseExact: true, description: 'Module id.' }),
    new A('string', 'level', { required: true, caseExact: true, description: "One of the module's levels." }),
  ]);

/**
 * The User extension.
 * @example
 * SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(userExtension(), false), handlers);
 */
export function userExtension(): InstanceType<typeof SCIMMY.Types.SchemaDefinition> {
  return new SCIMMY.Types.SchemaDefinition('UserAdminUser', USER_EXTENSION_URN, 'user-admin-kit attributes of a user', [
    new A('string', 'kind', { canonicalValues: ['login', 'contact'], description: 'login (signs in) or contact (never signs in).' }),
    new A('string', 'scope', { canonicalValues: ['group', 'entity'], description: 'group: several entities; entity: one.' }),
    new A('string', 'entityIds', { multiValued: true, caseExact: true, description: 'Entities the user reaches.' }),
    new A('string', 'subtreeEntityIds', { multiValued: true, caseExact: true, description: 'Of entityIds, those granted with all their sub-accounts.' }),
    permission(),
    new A('string', 'adminScope', { multiValued: true, caseExact: true, description: '["all"], or the entity ids an admin administers. Absent for non-admins.' }),
    new A('string', 'source', { canonicalValues: ['manual', 'invitation', 'sso'], description: 'How the user came to exist.' }),
    new A('complex', 'invitation', { description: 'The pending invitation of an invited user; absent once accepted.' }, [
      new A('string', 'id', { caseExact: true, description: 'Invitation id.' }),
      new A('string', 'kind', { canonicalValues: ['invitation', 'registration_request'], description: 'invitation (new user) or registration_request (email change).' }),
      new A('dateTime', 'sentAt', { description: 'When it was (last) sent.' }),
      new A('dateTime', 'expiresAt', { description: 'When it stops being valid.' }),
      new A('complex', 'invitedBy', { description: 'The admin who sent it.' }, [
        new A('string', 'value', { caseExact: true, description: 'User id.' }),
        new A('string', 'display', { description: 'Display name.' }),
      ]),
    ]),
    new A('string', 'pendingEmail', { description: 'A new address awaiting confirmation.' }),
    new A('dateTime', 'lastSignInAt', { description: 'Last successful sign-in, if the provider records it.' }),
  ]);
}

/**
 * The Group extension: a Group carrying it is a role.
 * @example
 * SCIMMY.Resources.declare(SCIMMY.Resources.Group.extend(groupExtension(), false), handlers);
 */
export function groupExtension(): InstanceType<typeof SCIMMY.Types.SchemaDefinition> {
  return new SCIMMY.Types.SchemaDefinition('UserAdminRole', GROUP_EXTENSION_URN, 'user-admin-kit role attributes of a group', [
    new A('boolean', 'isAdmin', { required: true, description: 'Admin roles may hold admin-only modules and an admin scope.' }),
    new A('string', 'description', { description: 'What the role is for.' }),
    new A('complex', 'defaultPermissions', { multiValued: true, description: 'Module access a user gets with this role.' }, [
      new A('string', 'module', { required: true, caseExact: true, description: 'Module id.' }),
      new A('string', 'level', { required: true, caseExact: true, description: "One of the module's levels." }),
    ]),
  ]);
}
