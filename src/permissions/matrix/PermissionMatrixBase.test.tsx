/**
 * The permission matrix by parts: PermissionMatrixBase holds the state, the parts read it from
 * context, and a host drops a part or puts its own between two. What PermissionMatrix is made of.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore, MODULE_IDS } from '../../../mocks';
import { createUserAdminI18n, getUserAdminT } from '../../i18n';
import { UserAdminProvider } from '../../provider/UserAdminProvider';
import { useAnnounce } from '../../ui';
import { createTestQueryClient, spyOnAdapter } from '../../../test/utils/test-adapter';
import { PermissionMatrix } from './PermissionMatrix';
import { PermissionMatrixBase, splitPermissionMatrixOptions, usePermissionMatrixContext } from './PermissionMatrixBase';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
const documentsCell = (row: string, level: 'view' | 'edit', changed = false) =>
  t(changed ? 'permissionMatrix.cell.labelChanged' : 'permissionMatrix.cell.label', { module: 'Documents', row, level: t(`permissionMatrix.level.${level}`) });

function setup() {
  const store = createMockStore({ userCount: 7 });
  const adapter = spyOnAdapter(createMemoryAdapter(store, { latencyMs: 0 }));
  return { store, adapter };
}

function renderWith(context: ReturnType<typeof setup>, children: ReactNode) {
  return render(
    <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
      {children}
    </UserAdminProvider>,
  );
}

async function loadedGrid() {
  const grid = await screen.findByRole('grid', { name: t('permissionMatrix.usersLabel') }, { timeout: 10_000 });
  await waitFor(() => expect(grid.querySelectorAll('tbody tr[data-grid-row]').length).toBeGreaterThan(0));
  return grid;
}

/** A host's own part: the pending count and its own save button, from the base's context. */
function HostSave() {
  const { matrix, save, outcome } = usePermissionMatrixContext();
  return (
    <div data-testid="host-save">
      <p data-testid="host-note">{`${matrix.changedCount} pending, ${outcome ? outcome.saved.length : 'nothing'} saved`}</p>
      <button type="button" onClick={() => void save()}>host save</button>
    </div>
  );
}

describe('PermissionMatrixBase and the parts', { timeout: 20_000 }, () => {
  it("composed by a host: its own part reads the state between ours, a dropped part is absent, and its save goes through the base (outcome kept, announced in the root)", async () => {
    const context = setup();
    const user = userEvent.setup();
    const { container } = renderWith(
      context,
      <PermissionMatrixBase pageSize={10}>
        <PermissionMatrix.Root data-testid="root" className="host-matrix">
          <PermissionMatrix.Toolbar searchDebounceMs={0} />
          <HostSave />
          <PermissionMatrix.Content />
        </PermissionMatrix.Root>
      </PermissionMatrixBase>,
    );
    const grid = await loadedGrid();
    const root = screen.getByTestId('root');
    expect(root).toHaveAttribute('data-slot', 'permission-matrix');
    expect(root).toHaveAttribute('data-source', 'users');
    expect(root.className.split(' ').at(-1)).toBe('host-matrix');
    // Ours, then the host's, then ours again, in the host's order.
    const toolbar = root.querySelector('[data-slot="permission-matrix-toolbar"]')!;
    expect(toolbar.compareDocumentPosition(screen.getByTestId('host-save')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('host-save').compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // No SaveBar in this composition.
    expect(root.querySelector('[data-slot="permission-matrix-pending"]')).toBeNull();
    expect(screen.queryByRole('button', { name: t('common.save') })).toBeNull();
    expect(screen.getByTestId('host-note')).toHaveTextContent('0 pending, nothing saved');

    act(() => within(grid).getByRole('button', { name: documentsCell('José García', 'view') }).focus());
    await user.keyboard(' ');
    expect(within(grid).getByRole('button', { name: documentsCell('José García', 'edit', true) })).toBeInTheDocument();
    expect(screen.getByTestId('host-note')).toHaveTextContent('1 pending, nothing saved');

    await user.click(screen.getByRole('button', { name: 'host save' }));
    await waitFor(() => expect(screen.getByTestId('host-note')).toHaveTextContent('0 pending, 1 saved'));
    expect(context.adapter.updateUser).toHaveBeenCalledTimes(1);
    expect(context.store.getUser({ id: 'user-jose' }).permissions[MODULE_IDS.documents]).toBe('edit');
    expect(container.querySelector('[data-slot="announcer"]')!.textContent).toContain(t('permissionMatrix.saved', { count: 1 }));
  });

  it('an edit re-renders the parts, not the root whose context every level menu reads', async () => {
    const context = setup();
    const user = userEvent.setup();
    const rootRendered = vi.fn();
    function ReadsRootContext() {
      useAnnounce();
      rootRendered();
      return null;
    }
    renderWith(
      context,
      <PermissionMatrixBase>
        <PermissionMatrix.Root>
          <ReadsRootContext />
          <PermissionMatrix.Content />
          <PermissionMatrix.SaveBar />
        </PermissionMatrix.Root>
      </PermissionMatrixBase>,
    );
    const grid = await loadedGrid();
    const before = rootRendered.mock.calls.length;
    act(() => within(grid).getByRole('button', { name: documentsCell('José García', 'view') }).focus());
    await user.keyboard(' ');
    await user.keyboard('{ArrowDown} ');
    expect(screen.getByText(t('permissionMatrix.pending', { count: 2 }))).toBeInTheDocument();
    expect(rootRendered).toHaveBeenCalledTimes(before);
  });

  it('outside a PermissionMatrixBase, the context hook and a part each say what they need', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const context = setup();
    function HostPart() {
      usePermissionMatrixContext();
      return null;
    }
    expect(() => renderWith(context, <HostPart />)).toThrow(
      '`usePermissionMatrixContext` must be used within <PermissionMatrixBase> (or <PermissionMatrix>).',
    );
    expect(() => renderWith(context, <PermissionMatrix.Grid />)).toThrow(
      '<PermissionMatrix.Grid> must be used within <PermissionMatrixBase> (or <PermissionMatrix>).',
    );
    vi.mocked(console.error).mockRestore();
  });

  it("PermissionMatrix puts the hook's options in the base and every other prop on the root", async () => {
    const [options, rest] = splitPermissionMatrixOptions({ source: 'roles', pageSize: 50, onSaved: () => {}, id: 'x', searchDebounceMs: 0 });
    expect(Object.keys(options).sort()).toEqual(['onSaved', 'pageSize', 'source']);
    expect(Object.keys(rest).sort()).toEqual(['id', 'searchDebounceMs']);

    const context = setup();
    renderWith(context, <PermissionMatrix source="roles" id="matrix" className="mine" aria-label="host label" />);
    await screen.findByRole('grid', { name: t('permissionMatrix.rolesLabel') }, { timeout: 10_000 });
    const root = document.getElementById('matrix')!;
    expect(root).toHaveAttribute('data-slot', 'permission-matrix');
    expect(root).toHaveAttribute('data-source', 'roles');
    expect(root).toHaveAttribute('aria-label', 'host label');
    expect(root).not.toHaveAttribute('source');
    expect(root.className.split(' ').at(-1)).toBe('mine');
  });
});
