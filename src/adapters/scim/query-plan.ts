/**
 * The SCIM adapter's query plan: which parts of a user query the provider answers (a SCIM
 * `filter` within the operators it accepts and a budget of terms, `sortBy` on the attributes it
 * can sort), and whether anything is left to answer in memory.
 */
import type { ListUsersParams, UserFilter } from '../../contract/types';
import { SCIM_USER_EXTENSION, scimString, type ProviderCapabilities } from './protocol';

const X = SCIM_USER_EXTENSION;
/** Every RFC 7644 filter operator. */
export const ALL_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le', 'pr'];
/** Most OR-terms the adapter puts in one filter before answering part of a query in memory. */
const MAX_FILTER_TERMS = 48;

type Part = string[][];

/** AND of OR-parts → one flat OR of AND-terms (SCIM precedence: `and` binds tighter). */
function dnf(parts: Part[]): string[][] {
  let terms: string[][] = [[]];
  for (const part of parts) terms = terms.flatMap((t) => part.map((p) => [...t, ...p]));
  return terms;
}

/**
 * The shape of a filter: its attributes, operators and logic with each string literal replaced by
 * the class of its value (`"s"` plain, `"e"` with JSON escapes such as `\"` or `\\`, `"u"` with
 * non-ASCII characters). A provider that refuses one filter refuses the same shape again, not
 * filters of other shapes, nor the same attributes with plain values.
 * @example
 * filterShape('userName co "a\\"b"'); // 'userName co "e"'
 */
export function filterShape(filter: string): string {
  return filter.replace(/"((?:[^"\\]|\\.)*)"/g, (_m, body: string) => (body.includes('\\') ? '"e"' : /[^\x20-\x7e]/.test(body) ? '"u"' : '"s"'));
}

/**
 * The SCIM attribute the provider sorts by for a sort field; others are sorted in memory.
 * @example
 * SORT_ATTRIBUTE.email; // 'userName'
 */
export const SORT_ATTRIBUTE: Partial<Record<string, string>> = { name: 'name.familyName', email: 'userName', createdAt: 'meta.created' };

/** What the query plan needs to know. */
export interface QueryPlanDeps {
  /** Filter operators the provider accepts (lower case). */
  operators: ReadonlySet<string>;
  /** The ancestors of an entity (a user granted an ancestor's subtree reaches it). */
  ancestorsOf: (entityId: string) => string[];
  /** Whether the provider refused a filter of this one's shape (then this query is filtered in memory). */
  filterRefused: (filter: string) => boolean;
}

/**
 * The query plan of one adapter.
 * @example
 * const { plan } = createQueryPlan({ operators: new Set(ALL_OPERATORS), ancestorsOf, filterRefused: () => false });
 * plan({ filter: { kind: 'contact' } }, caps, true).filter; // '...:kind eq "contact"'
 */
export function createQueryPlan({ operators, ancestorsOf, filterRefused }: QueryPlanDeps) {
  const can = (...ops: string[]) => ops.every((o) => operators.has(o));

  /** The filter parts the provider can answer for a query, and whether anything is left for memory. */
  function plan(params: Pick<ListUsersParams, 'search' | 'filter'>, caps: ProviderCapabilities, allowSearch: boolean) {
    const parts: Part[] = [];
    let residual = false;
    const f: UserFilter = params.filter ?? {};
    const serverFilter = caps.filter;
    const add = (possible: boolean, part: () => Part) => {
      if (serverFilter && possible) parts.push(part());
      else residual = true;
    };
    const search = params.search?.trim() ?? '';
    if (search !== '') {
      add(allowSearch && can('co') && !/\s/.test(search), () =>
        ['userName', 'name.givenName', 'name.familyName', 'emails.value'].map((a) => [`${a} co ${scimString(search)}`]),
      );
    }
    if (f.status?.length) {
      add(can('eq', 'pr'), () =>
        [...new Set(f.status)].map((s) =>
          s === 'deactivated' ? ['active eq false'] : s === 'invited' ? ['active eq true', `${X}:invitation pr`] : ['active eq true', `not (${X}:invitation pr)`],
        ),
      );
    }
    if (f.kind) add(can('eq'), () => [[`${X}:kind eq ${scimString(f.kind!)}`]]);
    if (f.scope) add(can('eq'), () => [[`${X}:scope eq ${scimString(f.scope!)}`]]);
    if (f.roleIds?.length) add(can('eq'), () => f.roleIds!.map((id) => [`groups.value eq ${scimString(id)}`]));
    if (f.entityIds?.length) {
      add(can('eq'), () => {
        const direct = f.entityIds!.map((id) => [`${X}:entityIds eq ${scimString(id)}`]);
        const subtrees = [...new Set(f.entityIds!.flatMap(ancestorsOf))].map((id) => [`${X}:subtreeEntityIds eq ${scimString(id)}`]);
        return [...direct, ...subtrees];
      });
    }
    // Over budget: the biggest parts go to memory.
    parts.sort((a, b) => a.length - b.length);
    while (parts.length > 0 && dnf(parts).length > MAX_FILTER_TERMS) {
      parts.pop();
      residual = true;
    }
    const terms = parts.length ? dnf(parts) : [];
    const filter = terms.length ? terms.map((t) => t.join(' and ')).join(' or ') : undefined;
    // A filter of a shape the provider refused before is answered in memory (every part of it).
    if (filter !== undefined && filterRefused(filter)) return { filter: undefined, residual: true };
    return { filter, residual };
  }

  return { can, plan };
}
