/**
 * The entity access picker by parts: EntityAccessPickerBase holds the state, the parts read it
 * from context, and a host drops a part or puts its own between two. What EntityAccessPicker is
 * made of.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../../mocks';
import { createTestQueryClient } from '../../../test/utils/test-adapter';
import en from '../../i18n/locales/en.json';
import { UserAdminProvider } from '../../provider/UserAdminProvider';
import { EntityAccessPicker } from './EntityAccessPicker';
import { EntityAccessPickerBase, splitEntityAccessPickerOptions, useEntityAccessPickerContext } from './EntityAccessPickerBase';
import { EMPTY_ENTITY_ACCESS, type EntityAccessValue } from './selection';

const FRANCE = 'entity-acme-france';
const LABEL = 'Entity access';

function setup() {
  const store = createMockStore({ userCount: 10 });
  return createMemoryAdapter(store, { latencyMs: 0, faults: createFaultInjector() });
}

function Providers({ children }: { children: ReactNode }) {
  return (
    <UserAdminProvider adapter={setup()} queryClient={createTestQueryClient()} locale="en">
      <main>{children}</main>
    </UserAdminProvider>
  );
}

/** The host's own part: what the picker holds, read from the Base. */
function PickedNote() {
  const { picker, open } = useEntityAccessPickerContext();
  return <p data-testid="host-note">{`host sees ${picker.value.entityIds.join(',') || 'nothing'}, ${open ? 'open' : 'closed'}`}</p>;
}

/** The Base around a value the host keeps, with the host's parts inside. */
function Harness({ variant, onBlur, children }: { variant: 'popover' | 'inline'; onBlur?: () => void; children: ReactNode }) {
  const [value, setValue] = useState<EntityAccessValue>(EMPTY_ENTITY_ACCESS);
  return (
    <EntityAccessPickerBase label={LABEL} variant={variant} value={value} onValueChange={setValue} onBlur={onBlur}>
      {children}
    </EntityAccessPickerBase>
  );
}

describe('EntityAccessPickerBase and the parts', { timeout: 20_000 }, () => {
  it("composed inline by a host: its own part reads the state between the search and the tree, dropped parts are absent, and the host's handlers run with ours", async () => {
    const user = userEvent.setup();
    const onTreeKeyDown = vi.fn();
    const onRootBlur = vi.fn();
    const onFieldBlur = vi.fn();
    render(
      <Providers>
        <Harness variant="inline" onBlur={onFieldBlur}>
          <EntityAccessPicker.Root data-testid="root" className="host-picker" onBlur={onRootBlur}>
            <EntityAccessPicker.Inline>
              <EntityAccessPicker.Content>
                <EntityAccessPicker.Search />
                <PickedNote />
                <EntityAccessPicker.Tree onKeyDown={onTreeKeyDown} />
              </EntityAccessPicker.Content>
            </EntityAccessPicker.Inline>
          </EntityAccessPicker.Root>
        </Harness>
        <button type="button">outside</button>
      </Providers>,
    );
    const tree = await screen.findByRole('tree', { name: LABEL }, { timeout: 5000 });
    expect(screen.getByTestId('host-note')).toHaveTextContent('host sees nothing, closed');
    // The host's part sits between the search and the tree.
    const note = screen.getByTestId('host-note');
    expect(screen.getByRole('searchbox', { name: en.entityPicker.search }).compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(note.compareDocumentPosition(tree) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    const france = await within(tree).findByRole('treeitem', { name: /^Acme France SAS/ }, { timeout: 5000 });
    await user.click(france);
    await waitFor(() => expect(screen.getByTestId('host-note')).toHaveTextContent(`host sees ${FRANCE}, closed`));
    expect(france).toHaveAttribute('aria-checked', 'true');
    // No Chips and no Hint in this composition: no selection list, no keyboard hint.
    expect(screen.queryByRole('list', { name: en.entityPicker.selection })).toBeNull();
    expect(screen.queryByText(en.entityPicker.hintSubtrees)).toBeNull();
    expect(screen.queryByText(en.entityPicker.hint)).toBeNull();

    // The host's onKeyDown runs, and ours still moves the focus.
    france.focus();
    await user.keyboard('{ArrowDown}');
    expect(onTreeKeyDown).toHaveBeenCalledTimes(1);
    expect(document.activeElement).not.toBe(france);
    expect(document.activeElement).toHaveAttribute('role', 'treeitem');

    // The root carries the host's class last and its data-slot; focus leaving it calls both blurs.
    const root = screen.getByTestId('root');
    expect(root).toHaveAttribute('data-slot', 'entity-access-picker');
    expect(root).toHaveAttribute('data-variant', 'inline');
    expect(root.className).toBe('uak-entity-picker host-picker');
    await user.click(screen.getByRole('button', { name: 'outside' }));
    expect(onRootBlur).toHaveBeenCalled();
    expect(onFieldBlur).toHaveBeenCalledTimes(1);
  });

  it("composed as a popover: the trigger opens the Base's popover, whose panel holds the host's part and no footer", async () => {
    const user = userEvent.setup();
    const onTriggerClick = vi.fn();
    render(
      <Providers>
        <Harness variant="popover">
          <EntityAccessPicker.Root>
            <EntityAccessPicker.Trigger onClick={onTriggerClick} placeholder="Choose entities" />
            <EntityAccessPicker.Popover>
              <EntityAccessPicker.Content />
              <PickedNote />
            </EntityAccessPicker.Popover>
            <EntityAccessPicker.Chips />
          </EntityAccessPicker.Root>
        </Harness>
      </Providers>,
    );
    const trigger = screen.getByRole('button', { name: `${LABEL} Choose entities` });
    expect(trigger).toHaveAttribute('data-slot', 'entity-access-picker-trigger');
    expect(screen.queryByTestId('host-note')).toBeNull();
    await user.click(trigger);
    expect(onTriggerClick).toHaveBeenCalledTimes(1);
    const panel = await screen.findByRole('dialog', { name: LABEL });
    expect(panel).toHaveAttribute('data-slot', 'entity-access-picker-panel');
    expect(within(panel).getByTestId('host-note')).toHaveTextContent('host sees nothing, open');
    // Opening puts the cursor in the search field.
    await waitFor(() => expect(within(panel).getByRole('searchbox', { name: en.entityPicker.search })).toHaveFocus());
    // No Footer: no Done button.
    expect(within(panel).queryByRole('button', { name: en.entityPicker.done })).toBeNull();

    await user.click(await within(panel).findByRole('treeitem', { name: /^Acme France SAS/ }, { timeout: 5000 }));
    await waitFor(() => expect(within(panel).getByTestId('host-note')).toHaveTextContent(`host sees ${FRANCE}, open`));
    // The chips, outside the panel, show the choice.
    const chips = screen.getByRole('list', { name: en.entityPicker.selection });
    expect(within(chips).getByText('Acme France SAS')).toBeInTheDocument();
    expect(trigger).toHaveTextContent('Acme France SAS');
  });

  it('a part outside an EntityAccessPickerBase says what it needs', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Providers><EntityAccessPicker.Tree /></Providers>)).toThrow(
      '`useEntityAccessPickerContext` must be used within <EntityAccessPickerBase> (or <EntityAccessPicker>).',
    );
    expect(() => render(<Providers><PickedNote /></Providers>)).toThrow(
      '`useEntityAccessPickerContext` must be used within <EntityAccessPickerBase> (or <EntityAccessPicker>).',
    );
    vi.mocked(console.error).mockRestore();
  });

  it("EntityAccessPicker puts the hook's and the field's options in the base and the view props on the parts", () => {
    const [options, rest] = splitEntityAccessPickerOptions({
      value: EMPTY_ENTITY_ACCESS, onValueChange: () => {}, label: LABEL, variant: 'inline' as const, open: true, selectAllLimit: 5,
      'aria-invalid': true, placeholder: 'x', showSelection: false, className: 'mine',
    });
    expect(Object.keys(options).sort()).toEqual(['aria-invalid', 'label', 'onValueChange', 'open', 'selectAllLimit', 'value', 'variant']);
    expect(Object.keys(rest).sort()).toEqual(['className', 'placeholder', 'showSelection']);
  });
});
