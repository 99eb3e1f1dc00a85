/**
 * The page scripts/bench-render.mjs measures: the UserList screen over the memory adapter, one
 * page of 1,000 users (?users=, ?virtualizeAbove= change it). Nothing renders until the script
 * calls `window.uakBench.mount()`, so the timing starts at React's render call.
 */
import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { UserAdminProvider } from '../../../src/headless';
import { UserList } from '../../../src/users/components';
import { createMemoryAdapter, createMockStore } from '../../../mocks';
import '../../../src/styles.css';

/** What the page reports to the script (ms from `performance.now()`, rows counted in the DOM). */
export interface RenderBenchApi {
  mount(): Promise<{ firstRowInDomMs: number; firstRowPaintedMs: number }>;
  settledRows(): Promise<{ rows: number; total: string | null }>;
  scrollToEnd(): Promise<{ ms: number; frames: number; lastRowIndex: number }>;
  scrollThrough(): Promise<{ ms: number; frames: number; meanFrameMs: number; maxFrameMs: number; maxRows: number }>;
}

declare global {
  interface Window {
    uakBench: RenderBenchApi;
  }
}

const params = new URLSearchParams(location.search);
const userCount = Number(params.get('users') ?? 1000);
const virtualizeAbove = Number(params.get('virtualizeAbove') ?? 100);

// The backend exists before the clock starts: what is measured is the screen.
const store = createMockStore({ userCount });
const adapter = createMemoryAdapter(store, { latencyMs: 0 });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const container = document.getElementById('root')!;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame((t) => resolve(t)));
/** After the next frame has been produced (a task after the animation frame). */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const bodyRows = () => container.querySelectorAll('tr[data-index]');
/** The table's own scroll box when virtualized (it has a max height); the page otherwise. */
const scroller = (): HTMLElement => {
  const box = container.querySelector<HTMLElement>('[data-slot="user-list-scroll"]')!;
  return box.scrollHeight > box.clientHeight + 1 ? box : (document.scrollingElement as HTMLElement);
};

function whenPresent(selector: string): Promise<number> {
  return new Promise((resolve) => {
    if (container.querySelector(selector)) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (container.querySelector(selector)) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(container, { childList: true, subtree: true });
  });
}

window.uakBench = {
  async mount() {
    const start = performance.now();
    const present = whenPresent('tr[data-index]');
    createRoot(container).render(
      <UserAdminProvider adapter={adapter} locale="en" queryClient={queryClient}>
        <UserList defaultState={{ pageSize: userCount }} virtualizeAbove={virtualizeAbove} now={store.clock.now} onInvite={() => {}} onEditUser={() => {}} />
      </UserAdminProvider>,
    );
    const inDom = await present;
    await painted();
    return { firstRowInDomMs: inDom - start, firstRowPaintedMs: performance.now() - start };
  },

  async settledRows() {
    // Counts and re-renders after the first rows: wait until the row count holds for 10 frames.
    let last = -1;
    let stable = 0;
    while (stable < 10) {
      await frame();
      const n = bodyRows().length;
      stable = n === last ? stable + 1 : 0;
      last = n;
    }
    return { rows: last, total: container.querySelector('table')?.getAttribute('aria-rowcount') ?? null };
  },

  async scrollToEnd() {
    const el = scroller();
    const lastIndex = String(userCount - 1);
    const start = performance.now();
    let frames = 0;
    // Row heights are estimated first, then measured: scroll again until the last row is shown at the bottom.
    for (;;) {
      el.scrollTop = el.scrollHeight;
      await frame();
      frames += 1;
      const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      if (atEnd && container.querySelector(`tr[data-index="${lastIndex}"]`)) break;
      if (frames > 600) throw new Error('The last row never rendered');
    }
    await painted();
    const rows = [...bodyRows()].map((r) => Number(r.getAttribute('data-index')));
    return { ms: performance.now() - start, frames, lastRowIndex: Math.max(...rows) };
  },

  async scrollThrough() {
    // Back to the top, then one viewport per frame down to the end: what a fast wheel or drag does.
    const el = scroller();
    el.scrollTop = 0;
    await painted();
    const start = performance.now();
    let previous = await frame();
    const durations: number[] = [];
    let maxRows = 0;
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += el.clientHeight;
      const now = await frame();
      durations.push(now - previous);
      previous = now;
      maxRows = Math.max(maxRows, bodyRows().length);
      if (durations.length > 5000) throw new Error('Scrolling never reached the end');
    }
    return {
      ms: performance.now() - start,
      frames: durations.length,
      meanFrameMs: durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length),
      maxFrameMs: Math.max(0, ...durations),
      maxRows,
    };
  },
};
