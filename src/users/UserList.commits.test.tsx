/**
 * How many React commits a search keystroke costs the users list, as behaviour (counted with
 * React's Profiler, no timings): the keystroke's own commit (the search box does not render its text
 * then catch up with the applied search), then the page and the view counts together in one,
 * whichever answers first, in the same task or not; and a page whose counts are late is not held
 * for them. Animation frames are the test's: none comes unless it says so.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import type { UserAdminAdapter } from '../contract/types';
import { createTestQueryClient, deferred, spyOnAdapter } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserList } from './UserList';

type Release = () => void;

/**
 * A memory adapter whose `listUsers` and `getUserCounts` for a search answer only when released
 * (the load, without a search, answers at once). With `views`, the adapter has no `getUserCounts`:
 * the list counts its five views with `listUsers` (`pageSize: 1`), held as counts.
 */
function setup({ views = false } = {}) {
  const store = createMockStore({ userCount: 60, entityCount: 12 });
  const memory = createMemoryAdapter(store, { latencyMs: 0 });
  const held = { page: [] as Release[], counts: [] as Release[] };
  const hold = async <T,>(queue: Release[], answer: Promise<T>): Promise<T> => {
    const gate = deferred<void>();
    queue.push(() => gate.resolve());
    await gate.promise;
    return answer;
  };
  // Every user in the same entity: the entity names asked for stay the same from page to page (a new
  // set of entities is a query of its own, counted elsewhere).
  const entityId = store.listEntities({ pageIndex: 0, pageSize: 1 }).items[0]!.id;
  const listUsers: UserAdminAdapter['listUsers'] = async (params) => {
    const page = await memory.listUsers(params);
    return { ...page, items: page.items.map((item) => ({ ...item, entityIds: [entityId] })) };
  };
  const { getUserCounts: _counts, ...withoutCounts } = memory;
  const adapter: UserAdminAdapter = spyOnAdapter({
    ...withoutCounts,
    listUsers: (params) =>
      params.search ? hold(params.pageSize === 1 && views ? held.counts : held.page, listUsers(params)) : listUsers(params),
    ...(views
      ? {}
      : {
          getUserCounts: (params) =>
            params?.search ? hold(held.counts, memory.getUserCounts!(params)) : memory.getUserCounts!(params),
        }),
  });
  // The provider's own default: answers are fresh for 30 s (entity names known stay known).
  const queryClient = createTestQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, staleTime: 30_000 } });
  const commits: number[] = [];
  const user = userEvent.setup();
  render(
    <Profiler id="users" onRender={() => commits.push(commits.length)}>
      <UserAdminProvider adapter={adapter} queryClient={queryClient} locale="en">
        <UserList defaultState={{ pageSize: 10 }} searchDebounceMs={0} now={() => store.clock.now()} />
      </UserAdminProvider>
    </Profiler>,
  );
  // A letter whose search keeps some users but not all.
  const first = store.listUsers({ pageIndex: 0, pageSize: 1 }).items[0]!;
  const query = first.lastName.slice(0, 3).toLowerCase();
  const expected = { page: store.listUsers({ pageIndex: 0, pageSize: 10, search: query }), counts: store.getUserCounts({ search: query }) };
  return { store, held, commits, user, query, expected, countRequests: views ? 5 : 1 };
}

const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
const allTab = () => screen.getByRole('tab', { name: /all/i });
/**
 * Lets every timer due now run (React Query notifies its observers in a `setTimeout(0)`). Not in
 * `act`: React schedules its renders as in a browser (`act` would gather them into one).
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 80));
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function loadedAndTyped(context: ReturnType<typeof setup>) {
  await waitFor(() => expect(bodyRows()).toHaveLength(10), { timeout: 10_000 });
  await waitFor(() => expect(allTab()).toHaveTextContent('60'));
  await settle();
  const search = screen.getByRole('searchbox');
  await context.user.click(search);
  await settle();
  // The search is one keystroke: paste the whole query at once.
  context.commits.length = 0;
  await context.user.paste(context.query);
  await waitFor(() => expect(context.held.page).toHaveLength(1));
  await waitFor(() => expect(context.held.counts).toHaveLength(context.countRequests));
  await settle();
  expect(search).toHaveValue(context.query);
  // The keystroke's own commit: the text, and the search asked (the previous page stays, busy).
  if (context.countRequests === 1) expect(context.commits).toHaveLength(1);
  expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
}

function expectSearched(context: ReturnType<typeof setup>) {
  const names = bodyRows().map((row) => row.querySelector('[data-slot="user-list-name"] > span')!.textContent);
  expect(names).toEqual(context.expected.page.items.map((u) => `${u.firstName} ${u.lastName}`.trim()));
  expect(allTab()).toHaveTextContent(String(context.expected.counts.all));
}

/** Frames come only when the test says: a held answer then waits for its partner. */
let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => {
    frames[handle - 1] = () => {};
  });
});
afterEach(() => vi.unstubAllGlobals());
const nextFrame = () => {
  const due = frames;
  frames = [];
  for (const callback of due) callback(performance.now());
};

describe('UserList commits per search keystroke', { timeout: 30_000 }, () => {
  it('given the page answering first and the counts in the same task, renders both in one commit: two commits for the keystroke', async () => {
    const context = setup();
    await loadedAndTyped(context);
    context.held.page[0]!();
    context.held.counts[0]!();
    await waitFor(() => expectSearched(context));
    await settle();
    expectSearched(context);
    expect(screen.getByRole('table')).not.toHaveAttribute('aria-busy');
    // Before: three (the keystroke, the page, then the counts in a commit of their own).
    expect(context.commits).toHaveLength(2);
  });

  it('given the counts answering first, holds them for the page: two commits for the keystroke', async () => {
    const context = setup();
    await loadedAndTyped(context);
    context.held.counts[0]!();
    context.held.page[0]!();
    await waitFor(() => expectSearched(context));
    await settle();
    expectSearched(context);
    expect(context.commits).toHaveLength(2);
  });

  it('given the counts answering a task after the page, before the next frame, still renders both in one commit', async () => {
    const context = setup();
    await loadedAndTyped(context);
    context.held.page[0]!();
    await nextTask();
    await nextTask();
    context.held.counts[0]!();
    await waitFor(() => expectSearched(context));
    await settle();
    expectSearched(context);
    expect(context.commits).toHaveLength(2);
  });

  it('given an adapter without getUserCounts, renders the page and the five view counts answering a task apart in at most two commits, not six', async () => {
    const context = setup({ views: true });
    await loadedAndTyped(context);
    const typed = context.commits.length;
    context.held.page[0]!();
    for (const release of context.held.counts) {
      await nextTask();
      release();
    }
    await waitFor(() => expectSearched(context));
    await settle();
    expectSearched(context);
    // Without the group: one commit per answer (six). With it: the answers in one, and at most one
    // more (seen: a re-render with nothing new, from useQueries' observer).
    expect(context.commits.length - typed).toBeLessThanOrEqual(2);
  });

  it('given counts still on their way at the next frame, shows the page without them, then the counts', async () => {
    const context = setup();
    await loadedAndTyped(context);
    context.held.page[0]!();
    await nextTask();
    await nextTask();
    nextFrame();
    // The page is not held hostage by late counts: it renders while they are still pending, and the
    // tabs keep the previous numbers (the counts query is still fetching).
    await waitFor(() => expect(bodyRows()).toHaveLength(context.expected.page.items.length));
    expect(allTab()).toHaveTextContent('60');
    await settle();
    const beforeCounts = context.commits.length;
    expect(beforeCounts).toBe(2);
    context.held.counts[0]!();
    await waitFor(() => expectSearched(context));
    await settle();
    expect(context.commits).toHaveLength(3);
  });
});
