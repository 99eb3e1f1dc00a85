/**
 * The page scripts/bench-matrix.mjs measures: the PermissionMatrix screen (users by modules) over
 * the memory adapter, every login user on one page (500 by default; ?users=) and 12 modules (the 8
 * fixture modules and 4 more; ?modules=). Nothing renders until the script calls
 * `window.uakMatrixBench.mount()`. Then, per change, the script focuses a level cell (`arm`),
 * presses Space in Chromium (a real key event), and `result` says how long after the key event the
 * DOM showed the new level and the next frame was painted.
 */
import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { UserAdminProvider } from '../../../src/headless';
import { PermissionMatrix } from '../../../src/permissions/components';
import { createMemoryAdapter, createMockStore } from '../../../mocks';
import type { Module, UserAdminAdapter } from '../../../src/adapter/types';
import '../../../src/styles.css';

/** What the page reports to the script (ms from the key event's timestamp). */
export interface MatrixBenchApi {
  mount(): Promise<{ rows: number; loginUsers: number; modules: number; firstRowPaintedMs: number; domRows: number }>;
  arm(index: number): Promise<{ row: string; col: string; level: string }>;
  result(): Promise<{ domMs: number; paintMs: number; handlerMs: number; level: string; cellsInDom: number }>;
}

declare global {
  interface Window {
    uakMatrixBench: MatrixBenchApi;
  }
}

const params = new URLSearchParams(location.search);
const wantedLogin = Number(params.get('users') ?? 500);
const moduleCount = Number(params.get('modules') ?? 12);

// The backend exists before the clock starts. Grow the directory until it holds `wantedLogin`
// login users (the matrix lists login users only), then cap the page to them.
let userCount = wantedLogin;
let store = createMockStore({ userCount });
const loginCount = () => store.listUsers({ pageIndex: 0, pageSize: 1, filter: { kind: 'login' } }).total;
while (loginCount() < wantedLogin) {
  userCount = Math.ceil((userCount * wantedLogin) / Math.max(1, loginCount())) + 1;
  store = createMockStore({ userCount });
}
const base = createMemoryAdapter(store, { latencyMs: 0 });
const extra: Module[] = ['Invoices', 'Projects', 'Timesheets', 'Inventory', 'Support', 'Analytics', 'Archive', 'Planning']
  .map((name) => ({ id: `module-${name.toLowerCase()}`, name, adminOnly: false, levels: ['none', 'view', 'edit'] }));
const adapter: UserAdminAdapter = {
  ...base,
  listModules: async (p) => {
    const fixture = await base.listModules(p);
    return [...fixture, ...extra].slice(0, moduleCount);
  },
};
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const container = document.getElementById('root')!;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame((t) => resolve(t)));
/** After the next frame has been produced (a task after the animation frame). */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const bodyRows = () => container.querySelectorAll('tbody tr[data-grid-row]');

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

/** Level cells that can change (not locked, not read-only) in the rows now in the DOM. */
const editableCells = () =>
  [...container.querySelectorAll<HTMLTableCellElement>('tbody td[data-slot="permission-grid-cell"]:not([data-locked])')]
    .filter((td) => td.querySelector('button:not([aria-disabled="true"])'));

let pending: Promise<{ domMs: number; paintMs: number; handlerMs: number; level: string; cellsInDom: number }> | null = null;

window.uakMatrixBench = {
  async mount() {
    const start = performance.now();
    const present = whenPresent('tbody tr[data-grid-row] td[data-slot="permission-grid-cell"]');
    createRoot(container).render(
      <UserAdminProvider adapter={adapter} locale="en" queryClient={queryClient}>
        <PermissionMatrix pageSize={1000} searchDebounceMs={0} />
      </UserAdminProvider>,
    );
    await present;
    await painted();
    const firstRowPaintedMs = performance.now() - start;
    // Settle: the row count holds for 10 frames.
    let last = -1;
    let stable = 0;
    while (stable < 10) {
      await frame();
      const n = bodyRows().length;
      stable = n === last ? stable + 1 : 0;
      last = n;
    }
    const rows = Number(container.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? NaN) - 1;
    const modules = container.querySelectorAll('thead th[data-column^="module-"]').length;
    return { rows, loginUsers: loginCount(), modules, firstRowPaintedMs, domRows: last };
  },

  async arm(index) {
    const cells = editableCells();
    // Spread the changes over rows and columns: row by row, a different column each time.
    const td = cells[(index * 7) % cells.length]!;
    const row = td.closest('tr')!.getAttribute('data-grid-row')!;
    const col = td.getAttribute('data-grid-col')!;
    const before = td.getAttribute('data-level')!;
    td.querySelector<HTMLButtonElement>('button')!.focus();
    await frame();
    await frame();
    const find = () => container.querySelector<HTMLTableCellElement>(`tbody tr[data-grid-row="${row}"] td[data-grid-col="${col}"]`);
    pending = new Promise((resolve) => {
      let input = 0;
      let handlerEnd = 0;
      window.addEventListener('keydown', (event) => {
        input = event.timeStamp;
      }, { capture: true, once: true });
      // A bubbling listener on window runs after React's (on the root): the end of the key event's dispatch.
      window.addEventListener('keydown', () => {
        handlerEnd = performance.now();
      }, { once: true });
      const observer = new MutationObserver(() => {
        const cell = find();
        const level = cell?.getAttribute('data-level');
        if (!cell || level === before) return;
        observer.disconnect();
        const dom = performance.now();
        // The frame that paints the change runs its rAF callbacks first; the next rAF comes after that paint.
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const paint = performance.now();
          resolve({ domMs: dom - input, paintMs: paint - input, handlerMs: (handlerEnd || dom) - input, level: level!, cellsInDom: container.querySelectorAll('td[data-slot="permission-grid-cell"]').length });
        }));
      });
      observer.observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-level'] });
    });
    return { row, col, level: before };
  },

  async result() {
    const out = await pending!;
    pending = null;
    await frame();
    await frame();
    return out;
  },
};
