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
import type { Module, UserAdminAdapter } from '../../../src/contract/types';
import '../../../src/styles.css';

/** What the page reports to the script (ms from the key event's timestamp). */
export interface MatrixBenchApi {
  mount(): Promise<{ rows: number; loginUsers: number; modules: number; firstRowPaintedMs: number; domRows: number }>;
  /** `control`: the same measure on a plain button outside React whose keydown sets an attribute (the floor of this machine). */
  arm(index: number, control?: boolean): Promise<{ row: string; col: string; level: string }>;
  result(): Promise<{ domMs: number; afterPaintMs: number; paintMs: number; handlerMs: number; level: string; cellsInDom: number }>;
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

/**
 * Level cells that can change (not locked, not read-only) and are in view: focusing one scrolls
 * nothing (a scroll would re-render the virtualized grid, and its end a moment later, in the
 * middle of a measure).
 */
const editableCells = () => {
  const box = container.querySelector<HTMLElement>('[data-slot="permission-grid-scroll"]')!.getBoundingClientRect();
  return [...container.querySelectorAll<HTMLTableCellElement>('tbody td[data-slot="permission-grid-cell"]:not([data-locked])')]
    .filter((td) => {
      const r = td.getBoundingClientRect();
      return td.querySelector('button:not([aria-disabled="true"])') && r.top >= box.top + 40 && r.bottom <= Math.min(box.bottom, innerHeight) && r.right <= Math.min(box.right, innerWidth);
    });
};
/** Waits past the virtualizer's end-of-scroll delay (150 ms) and a few frames. */
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let i = 0; i < 3; i++) await frame();
};

let pending: ReturnType<MatrixBenchApi['result']> | null = null;

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

  async arm(index, control = false) {
    if (control) return armControl();
    const cells = editableCells();
    // Spread the changes over rows and columns: row by row, a different column each time.
    const td = cells[(index * 7) % cells.length]!;
    const row = td.closest('tr')!.getAttribute('data-grid-row')!;
    const col = td.getAttribute('data-grid-col')!;
    const before = td.getAttribute('data-level')!;
    td.querySelector<HTMLButtonElement>('button')!.focus();
    await settle();
    const find = () => container.querySelector<HTMLTableCellElement>(`tbody tr[data-grid-row="${row}"] td[data-grid-col="${col}"]`);
    pending = measure(container, find, before);
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

/** Times the next Space: key event → `find()`'s data-level differs from `before` → painted. */
function measure(root: HTMLElement, find: () => Element | null, before: string): ReturnType<MatrixBenchApi['result']> {
  return new Promise((resolve) => {
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
      // The frame that paints the change runs its rAF callbacks first: a task queued from there
      // runs once that frame is painted (afterPaint); the next rAF starts the frame after it
      // (double rAF, the conservative figure).
      let afterPaint = 0;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          afterPaint = performance.now();
        };
        channel.port2.postMessage(null);
        requestAnimationFrame(() => {
          const paint = performance.now();
          resolve({ domMs: dom - input, afterPaintMs: (afterPaint || paint) - input, paintMs: paint - input, handlerMs: (handlerEnd || dom) - input, level: level!, cellsInDom: container.querySelectorAll('td[data-slot="permission-grid-cell"]').length });
        });
      });
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-level'] });
  });
}

/** The control: a plain button (no React) whose Space sets the next level on its own cell. */
const controlBox = document.createElement('div');
controlBox.style.cssText = 'position:fixed;right:8px;bottom:8px;';
const controlCell = document.createElement('span');
controlCell.setAttribute('data-level', 'none');
controlCell.textContent = 'none';
const controlButton = document.createElement('button');
controlButton.textContent = 'control';
controlButton.addEventListener('keydown', (event) => {
  if (event.key !== ' ') return;
  event.preventDefault();
  const next = { none: 'view', view: 'edit', edit: 'none' }[controlCell.getAttribute('data-level') as 'none'];
  controlCell.setAttribute('data-level', next);
  controlCell.textContent = next;
});
controlBox.append(controlButton, controlCell);
document.body.append(controlBox);

async function armControl() {
  controlButton.focus();
  await settle();
  const before = controlCell.getAttribute('data-level')!;
  pending = measure(controlBox, () => controlCell, before);
  return { row: 'control', col: 'control', level: before };
}
