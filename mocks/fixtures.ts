/**
 * Deterministic fixtures: the Acme group's entities, the four roles, the modules, and
 * as many users as asked (up to 100,000), all derived from a seed.
 */
import type { AdminScope, Entity, EntityKind, InvitationSummary, Module, Role, Settings, User, UserStatus } from '../src/contract/types';
import { DAY_MS, DEFAULT_CLOCK_START } from './clock';
import { createRandom, type Random } from './random';

/** The seed fixtures use unless told otherwise. */
export const DEFAULT_SEED = 42;
/** The number of users a store holds unless told otherwise. */
export const DEFAULT_USER_COUNT = 200;

/** The id of the fixed current administrator, Alice Martin. */
export const CURRENT_ADMIN_ID = 'user-admin';
/** The id of the group root entity, "Acme Group". */
export const ROOT_ENTITY_ID = 'entity-acme-group';

/** Role ids of the fixtures. */
export const ROLE_IDS = {
  admin: 'role-admin',
  communication: 'role-communication',
  communicationSignature: 'role-communication-signature',
  user: 'role-user',
} as const;

/** Module ids of the fixtures. */
export const MODULE_IDS = {
  pricing: 'module-pricing',
  payment: 'module-payment',
  userManagement: 'module-user-management',
  documents: 'module-documents',
  communication: 'module-communication',
  signature: 'module-signature',
  reports: 'module-reports',
  contacts: 'module-contacts',
} as const;

/**
 * The modules: three admin-only (Pricing, Payment, User Management) and five others.
 * @example
 * FIXTURE_MODULES.filter((m) => m.adminOnly).map((m) => m.name); // ['Pricing', 'Payment', 'User Management']
 */
export const FIXTURE_MODULES: readonly Module[] = [
  { id: MODULE_IDS.pricing, name: 'Pricing', adminOnly: true, levels: ['none', 'view', 'edit'] },
  { id: MODULE_IDS.payment, name: 'Payment', adminOnly: true, levels: ['none', 'view', 'edit'] },
  { id: MODULE_IDS.userManagement, name: 'User Management', adminOnly: true, levels: ['none', 'view', 'edit'] },
  { id: MODULE_IDS.documents, name: 'Documents', adminOnly: false, levels: ['none', 'view', 'edit'] },
  { id: MODULE_IDS.communication, name: 'Communication', adminOnly: false, levels: ['off', 'on'] },
  { id: MODULE_IDS.signature, name: 'Signature', adminOnly: false, levels: ['off', 'on'] },
  { id: MODULE_IDS.reports, name: 'Reports', adminOnly: false, levels: ['none', 'view', 'export'] },
  { id: MODULE_IDS.contacts, name: 'Contacts', adminOnly: false, levels: ['none', 'view', 'edit'] },
];

/**
 * The four roles, with the module access each gives by default.
 * @example
 * FIXTURE_ROLES.find((r) => r.isAdmin)?.id; // 'role-admin'
 */
export const FIXTURE_ROLES: readonly Role[] = [
  {
    id: ROLE_IDS.admin,
    name: 'Administrator',
    description: 'Manages users, pricing and payment, and every module.',
    isAdmin: true,
    defaultPermissions: {
      [MODULE_IDS.pricing]: 'edit', [MODULE_IDS.payment]: 'edit', [MODULE_IDS.userManagement]: 'edit',
      [MODULE_IDS.documents]: 'edit', [MODULE_IDS.communication]: 'on', [MODULE_IDS.signature]: 'on',
      [MODULE_IDS.reports]: 'export', [MODULE_IDS.contacts]: 'edit',
    },
  },
  {
    id: ROLE_IDS.communication,
    name: 'Communication',
    description: 'Sends communications and reads documents.',
    isAdmin: false,
    defaultPermissions: {
      [MODULE_IDS.documents]: 'view', [MODULE_IDS.communication]: 'on', [MODULE_IDS.contacts]: 'view',
    },
  },
  {
    id: ROLE_IDS.communicationSignature,
    name: 'Communication & Signature',
    description: 'Sends communications and signs documents.',
    isAdmin: false,
    defaultPermissions: {
      [MODULE_IDS.documents]: 'edit', [MODULE_IDS.communication]: 'on', [MODULE_IDS.signature]: 'on',
      [MODULE_IDS.contacts]: 'view',
    },
  },
  {
    id: ROLE_IDS.user,
    name: 'User',
    description: 'Reads documents and reports.',
    isAdmin: false,
    defaultPermissions: { [MODULE_IDS.documents]: 'view', [MODULE_IDS.reports]: 'view' },
  },
];

/** Settings of a fresh store (the current user is filled in by the store). */
export const DEFAULT_SETTINGS: Omit<Settings, 'currentUser'> = {
  sso: { enforced: false, providerName: null },
  invitation: { ttlDays: 7, onExpiry: 'expire' },
  username: { mode: 'none' },
  multiEntity: true,
  features: { contacts: true, invitations: true, phone: true, lastSignIn: true, modulePermissions: true },
};

const BASE_ENTITIES: readonly [id: string, name: string, kind: EntityKind, parentId: string | null][] = [
  [ROOT_ENTITY_ID, 'Acme Group', 'group', null],
  ['entity-acme-france', 'Acme France SAS', 'company', ROOT_ENTITY_ID],
  ['entity-acme-deutschland', 'Acme Deutschland GmbH', 'company', ROOT_ENTITY_ID],
  ['entity-acme-iberia', 'Acme Iberia S.L.', 'company', ROOT_ENTITY_ID],
  ['entity-acme-uk', 'Acme UK Ltd', 'company', ROOT_ENTITY_ID],
  ['entity-acme-paris', 'Acme Paris', 'sub_account', 'entity-acme-france'],
  ['entity-acme-lyon', 'Acme Lyon', 'sub_account', 'entity-acme-france'],
  ['entity-acme-munchen', 'Acme München', 'sub_account', 'entity-acme-deutschland'],
  ['entity-acme-madrid', 'Acme Madrid', 'sub_account', 'entity-acme-iberia'],
  ['entity-acme-lisboa', 'Acme Lisboa', 'sub_account', 'entity-acme-iberia'],
  ['entity-acme-sao-paulo', 'Acme São Paulo', 'sub_account', 'entity-acme-iberia'],
  ['entity-acme-london', 'Acme London', 'sub_account', 'entity-acme-uk'],
];

const CITIES = [
  'Bordeaux', 'Nantes', 'Lille', 'Köln', 'Zürich', 'Genève', 'Sevilla', 'València', 'Porto', 'Coimbra',
  'Manchester', 'Leeds', 'Milano', 'Torino', 'Kraków', 'Göteborg', 'Århus', 'Bruxelles', 'Liège', 'Wien',
];

/**
 * The entity tree: "Acme Group", its companies and their sub-accounts. With a count above 12,
 * more companies and sub-accounts are added (thousands work).
 * @param count Number of entities. Defaults to 12; at least 1 (the root).
 * @example
 * generateEntities().length; // 12
 * generateEntities(5000).filter((e) => e.parentId === null).length; // 1
 */
export function generateEntities(count = 12): Entity[] {
  const rows: [string, string, EntityKind, string | null][] = BASE_ENTITIES.slice(0, Math.max(1, count)).map((r) => [...r]);
  // A sub-account in the base list may have lost its company when truncated; keep the tree valid.
  const ids = new Set(rows.map((r) => r[0]));
  for (const row of rows) if (row[3] !== null && !ids.has(row[3])) row[3] = ROOT_ENTITY_ID;
  const extra = count - rows.length;
  if (extra > 0) {
    const companies = Math.max(1, Math.round(Math.sqrt(extra)));
    const companyIds: string[] = [];
    for (let c = 1; c <= companies && rows.length < count; c++) {
      const id = `entity-company-${c}`;
      companyIds.push(id);
      rows.push([id, `Acme Holding ${CITIES[(c - 1) % CITIES.length]} ${Math.ceil(c / CITIES.length)}`, 'company', ROOT_ENTITY_ID]);
    }
    for (let s = 1; rows.length < count; s++) {
      const parent = companyIds[(s - 1) % companyIds.length] as string;
      rows.push([`entity-sub-${s}`, `Acme ${CITIES[(s - 1) % CITIES.length]} ${String(s).padStart(4, '0')}`, 'sub_account', parent]);
    }
  }
  const children = new Map<string, number>();
  for (const row of rows) if (row[3] !== null) children.set(row[3], (children.get(row[3]) ?? 0) + 1);
  return rows.map(([id, name, kind, parentId]) => ({ id, name, kind, parentId, childCount: children.get(id) ?? 0 }));
}

const FIRST_NAMES = [
  'José', 'Françoise', 'João', 'Zoë', 'Søren', 'Chloé', 'Hélène', 'Jérôme', 'Björn', 'Åsa', 'Ángel', 'Inês',
  'Léa', 'Noémie', 'Raphaël', 'Mathéo', 'Jürgen', 'Małgorzata', 'Łukasz', 'Sébastien', 'Anaïs',
  'Emma', 'Olivia', 'Liam', 'Noah', 'Sophie', 'Lucas', 'Hugo', 'Camille', 'Thomas', 'Julia', 'Marco', 'Giulia',
  'Lars', 'Ingrid', 'Ahmed', 'Fatima', 'Yuki', 'Hiroshi', 'Mei', 'Wei', 'Priya', 'Arjun', 'Olga', 'Dmitri',
  'Carmen', 'Pablo', 'Lucía', 'Tomás', 'Anna', 'Paul', 'Marie', 'Pierre', 'Elena', 'Nikolaos', 'Ioana', 'Aylin',
];

const LAST_NAMES = [
  'García', 'Lefèvre', 'Silva', 'Müller', 'Østergaard', 'Dubois', 'Martin', 'Bernard', 'Moreau', 'Lambert',
  'Fernández', 'González', 'Pérez', 'Gonçalves', 'Conceição', 'Schröder', 'Köhler', 'Weiß', 'Nowak', 'Wójcik',
  'Johansson', 'Andersson', 'Nyström', 'Rossi', 'Bianchi', 'Ricci', 'Smith', 'Jones', 'Brown', 'Taylor',
  'Wilson', "O'Connor", 'Van den Berg', 'De Vries', 'Janssen', 'Novák', 'Horváth', 'Popescu', 'Papadopoulos',
  'Yılmaz', 'Dvořák', 'Kaya', 'Tanaka', 'Satō', 'Wang', 'Li', 'Kumar', 'Sharma', 'Ivanova', 'Petrov', 'Haddad', 'Benali',
  'Nguyễn', 'Kowalski', 'Fontaine', 'Girard', 'Roux', 'Faure', 'André', 'Mercier', 'Blanc',
];

const COMPANY_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk'];
const CONTACT_DOMAINS = ['partner-consulting.com', 'client-services.eu', 'example-supplier.org', 'lawfirm-associates.fr'];

/** Lower-case ASCII letters and digits only: accents stripped, the rest dropped. */
export function asciiSlug(value: string, keep = ''): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ß/g, 'ss').replace(/ı/g, 'i')
    .toLowerCase()
    .replace(new RegExp(`[^a-z0-9${keep}]`, 'g'), '');
}

/** Options of {@link generateUsers}. */
export interface GenerateUsersOptions {
  /** The entities users are spread over. Defaults to {@link generateEntities}(). */
  entities?: readonly Entity[];
  /** The instant the data is generated around. Defaults to 2026-01-15T09:00:00Z. */
  now?: number;
  /** Invitation validity, to date pending and expired invitations. Defaults to 7. */
  ttlDays?: number;
  /** Whether users get a username (≥ 6 letters or digits). Defaults to `false`. */
  usernames?: boolean;
}

interface FixedUser {
  id: string; first: string; last: string; email: string; roleId: string | null; status: UserStatus;
  kind: 'login' | 'contact'; scope: 'group' | 'entity'; entityIds?: string[]; adminScope?: AdminScope | null;
  invitation?: 'pending' | 'expired';
}

const dayStrings = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** `toISOString` for whole-second instants, with the date part cached (100k users need ~300k of these). */
function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = dayStrings.get(day);
  if (date === undefined) dayStrings.set(day, (date = new Date(day * DAY_MS).toISOString().slice(0, 11)));
  const rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const sec = Math.floor((rest % 60_000) / 1000);
  const milli = rest % 1000;
  return `${date}${pad2(h)}:${pad2(m)}:${pad2(sec)}.${milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : milli}Z`;
}

/**
 * Generates `count` users with unique emails, deterministically from `seed`. The first users are
 * fixed (the current admin Alice Martin, a second admin, José García, Françoise Lefèvre, João Silva
 * invited, Søren Østergaard deactivated, Zoë Müller a contact); the rest are random: mostly active,
 * ~8% invited (some expired), ~7% deactivated, ~10% contacts, ~30% of login users group users,
 * a few created by SSO. 100,000 users take a fraction of a second.
 *
 * Invited users carry their `invitation` summary (ids `inv-<userId>`); the store builds the
 * invitation records from them.
 * @param count Number of users, at least the 7 fixed ones. Defaults to 200.
 * @param seed Defaults to 42.
 * @example
 * const users = generateUsers(100_000, 7);
 * new Set(users.map((u) => u.email)).size === users.length; // true
 */
export function generateUsers(count: number = DEFAULT_USER_COUNT, seed: number = DEFAULT_SEED, options: GenerateUsersOptions = {}): User[] {
  const entities = options.entities ?? generateEntities();
  const now = options.now ?? DEFAULT_CLOCK_START;
  const ttlMs = (options.ttlDays ?? 7) * DAY_MS;
  const rng = createRandom(seed);
  const entityIds = entities.map((e) => e.id);
  const nonRoot = entityIds.length > 1 ? entityIds.filter((id) => id !== ROOT_ENTITY_ID) : entityIds;
  const companies = entities.filter((e) => e.kind === 'company').map((e) => e.id);
  const groupPool = entityIds.length > 1 ? nonRoot : entityIds;
  const usedUsernames = new Set<string>();
  const roles = new Map(FIXTURE_ROLES.map((r) => [r.id, r]));
  const users: User[] = [];

  const slugs = new Map<string, string>();
  const slug = (value: string) => {
    let s = slugs.get(value);
    if (s === undefined) slugs.set(value, (s = asciiSlug(value)));
    return s;
  };
  // Generated addresses are `first.last[n]@domain` with letters-only names, so a counter per
  // (first, last, domain) keeps them unique; the fixed users' addresses are reserved up front.
  const domains = [...COMPANY_DOMAINS, ...CONTACT_DOMAINS];
  const firstSlugs = FIRST_NAMES.map((n) => asciiSlug(n));
  const lastSlugs = LAST_NAMES.map((n) => asciiSlug(n));
  const counters = new Int32Array(FIRST_NAMES.length * LAST_NAMES.length * domains.length);
  const reserved = new Set<string>();
  const uniqueEmail = (fi: number, li: number, di: number): string => {
    const slot = (fi * LAST_NAMES.length + li) * domains.length + di;
    const base = `${firstSlugs[fi]}.${lastSlugs[li]}`;
    const domain = domains[di] as string;
    let n = (counters[slot] ?? 0) + 1;
    let email = n === 1 ? `${base}@${domain}` : `${base}${n}@${domain}`;
    while (reserved.size > 0 && reserved.has(email)) email = `${base}${++n}@${domain}`;
    counters[slot] = n;
    return email;
  };
  const usernameSuffix = new Map<string, number>();
  const uniqueUsername = (first: string, last: string): string => {
    const base = `${slug(first).slice(0, 1)}${slug(last)}`.padEnd(6, '0');
    let name = base;
    for (let n = usernameSuffix.get(base) ?? 2; usedUsernames.has(name); n++) {
      name = `${base}${n}`;
      usernameSuffix.set(base, n + 1);
    }
    usedUsernames.add(name);
    return name;
  };
  const invitationOf = (id: string, state: 'pending' | 'expired'): InvitationSummary => {
    const sentAt = state === 'pending' ? now - Math.floor(rng.next() * ttlMs * 0.9) : now - ttlMs - rng.int(1, 30) * DAY_MS;
    return { id: `inv-${id}`, kind: 'invitation', status: state, sentAt: iso(sentAt), expiresAt: iso(sentAt + ttlMs) };
  };
  const push = (f: FixedUser) => {
    const role = f.roleId ? roles.get(f.roleId) : undefined;
    const isLogin = f.kind === 'login';
    const createdAt = now - rng.int(30, 3 * 365) * DAY_MS - rng.int(0, DAY_MS);
    const invitation = f.status === 'invited' ? invitationOf(f.id, f.invitation ?? 'pending') : null;
    const ents = f.entityIds ?? (f.scope === 'group' ? pickSome(rng, groupPool, 2, 4) : [rng.pick(nonRoot)]);
    const sso = isLogin && f.status === 'active' && rng.chance(0.05);
    users.push({
      id: f.id,
      kind: f.kind,
      status: f.status,
      email: f.email,
      username: options.usernames && isLogin ? uniqueUsername(f.first, f.last) : null,
      firstName: f.first,
      lastName: f.last,
      phone: rng.chance(0.6) ? `+33 6 ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}` : null,
      roleId: isLogin ? f.roleId : null,
      adminScope: role?.isAdmin ? (f.adminScope ?? { type: 'all' }) : null,
      scope: isLogin ? f.scope : 'entity',
      entityIds: ents,
      permissions: role ? { ...role.defaultPermissions } : {},
      source: invitation ? 'invitation' : sso ? 'sso' : rng.chance(0.5) ? 'invitation' : 'manual',
      createdAt: iso(invitation ? Math.min(createdAt, Date.parse(invitation.sentAt)) : createdAt),
      lastSignInAt: isLogin && f.status !== 'invited' ? iso(now - rng.int(0, f.status === 'active' ? 90 : 400) * DAY_MS - rng.int(0, DAY_MS)) : null,
      invitation,
      pendingEmail: null,
    });
  };

  const fixed: FixedUser[] = [
    { id: CURRENT_ADMIN_ID, first: 'Alice', last: 'Martin', email: 'alice.martin@acme-group.com', roleId: ROLE_IDS.admin, status: 'active', kind: 'login', scope: 'group', entityIds: [ROOT_ENTITY_ID, ...companies], adminScope: { type: 'all' } },
    { id: 'user-admin-2', first: 'Karim', last: 'Benali', email: 'karim.benali@acme.fr', roleId: ROLE_IDS.admin, status: 'active', kind: 'login', scope: 'group', entityIds: companies.slice(0, 1).length ? companies.slice(0, 2) : [ROOT_ENTITY_ID], adminScope: { type: 'entities', entityIds: companies.slice(0, 1).length ? companies.slice(0, 2) : [ROOT_ENTITY_ID] } },
    { id: 'user-jose', first: 'José', last: 'García', email: 'jose.garcia@acme.es', roleId: ROLE_IDS.user, status: 'active', kind: 'login', scope: 'entity' },
    { id: 'user-francoise', first: 'Françoise', last: 'Lefèvre', email: 'francoise.lefevre@acme.fr', roleId: ROLE_IDS.communication, status: 'active', kind: 'login', scope: 'group' },
    { id: 'user-joao', first: 'João', last: 'Silva', email: 'joao.silva@acme.es', roleId: ROLE_IDS.communicationSignature, status: 'invited', kind: 'login', scope: 'entity', invitation: 'pending' },
    { id: 'user-soren', first: 'Søren', last: 'Østergaard', email: 'soren.ostergaard@acme.de', roleId: ROLE_IDS.user, status: 'deactivated', kind: 'login', scope: 'entity' },
    { id: 'user-zoe', first: 'Zoë', last: 'Müller', email: 'zoe.muller@partner-consulting.com', roleId: null, status: 'active', kind: 'contact', scope: 'entity' },
  ];
  for (const f of fixed) {
    reserved.add(f.email);
    push(f);
  }

  const width = String(count).length;
  for (let i = users.length; i < count; i++) {
    const fi = rng.int(0, FIRST_NAMES.length - 1);
    const li = rng.int(0, LAST_NAMES.length - 1);
    const first = FIRST_NAMES[fi] as string;
    const last = LAST_NAMES[li] as string;
    const id = `user-${String(i).padStart(width, '0')}`;
    const contact = rng.chance(0.1);
    if (contact) {
      push({ id, first, last, email: uniqueEmail(fi, li, rng.int(COMPANY_DOMAINS.length, domains.length - 1)), roleId: null, status: rng.chance(0.9) ? 'active' : 'deactivated', kind: 'contact', scope: 'entity' });
      continue;
    }
    const r = rng.next();
    const status: UserStatus = r < 0.08 ? 'invited' : r < 0.15 ? 'deactivated' : 'active';
    const roleRoll = rng.next();
    const roleId = roleRoll < 0.03 ? ROLE_IDS.admin : roleRoll < 0.28 ? ROLE_IDS.communication : roleRoll < 0.48 ? ROLE_IDS.communicationSignature : ROLE_IDS.user;
    const scope = entityIds.length > 1 && rng.chance(0.3) ? 'group' : 'entity';
    push({
      id, first, last, email: uniqueEmail(fi, li, rng.int(0, COMPANY_DOMAINS.length - 1)), roleId, status, kind: 'login', scope,
      adminScope: roleId === ROLE_IDS.admin && rng.chance(0.3) && companies.length > 0 ? { type: 'entities', entityIds: [rng.pick(companies)] } : { type: 'all' },
      invitation: rng.chance(0.4) ? 'expired' : 'pending',
    });
  }
  return users.slice(0, Math.max(count, 0));
}

function pickSome(rng: Random, items: readonly string[], min: number, max: number): string[] {
  const wanted = Math.min(items.length, rng.int(min, max));
  const picked = new Set<string>();
  while (picked.size < wanted) picked.add(rng.pick(items));
  return [...picked];
}

/** A sign-in failure fixture, for access diagnostics. */
export const SIGN_IN_USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
] as const;
