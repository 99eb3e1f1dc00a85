import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserAdminError } from '../contract/errors';
import { createTestAdapter } from '../../test/utils/test-adapter';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import {
  ActionMenu, Badge, Button, Chip, ConfirmDialog, ErrorState, Field, HoverDetails, Pagination, ResultList, SearchField, StatusMessage, Tabs, TabPanel,
  UserAdminRoot, useAnnounce,
} from '.';

function wrap(ui: ReactNode, locale = 'en') {
  return render(
    <UserAdminProvider adapter={createTestAdapter()} locale={locale}>
      <UserAdminRoot>{ui}</UserAdminRoot>
    </UserAdminProvider>,
  );
}

describe('SearchField', () => {
  it("gives the host's ref the input, runs the host's onKeyDown first, on clear empties the box and keeps the focus in it, and takes a value from outside", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    const ref = { current: null as HTMLInputElement | null };
    const hostKeyDown = vi.fn((event: React.KeyboardEvent) => { if (event.key === 'Enter') event.preventDefault(); });
    function Harness() {
      const [value, setValue] = useState('');
      return (
        <>
          <SearchField ref={ref} label={en.common.search} value={value} onValueChange={onValueChange} debounceMs={10_000} onKeyDown={hostKeyDown} />
          <button type="button" onClick={() => setValue('bruno')}>outside</button>
        </>
      );
    }
    wrap(<Harness />);
    const box = screen.getByRole('searchbox');
    expect(ref.current).toBe(box);
    await user.type(box, 'ana{Enter}');
    expect(hostKeyDown).toHaveBeenCalled();
    // The host prevented Enter: nothing applied yet (the pause is 10 s).
    expect(onValueChange).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: en.common.clearSearch }));
    expect(box).toHaveValue('');
    expect(box).toHaveFocus();
    expect(onValueChange).not.toHaveBeenCalled();
    // A value from outside replaces the text, in the same input.
    await user.click(screen.getByRole('button', { name: 'outside' }));
    expect(screen.getByRole('searchbox')).toBe(box);
    expect(box).toHaveValue('bruno');
    expect(screen.getByRole('button', { name: en.common.clearSearch })).toBeInTheDocument();
  });
  it('given typing, it calls onValueChange once after the pause, and at once on Enter', async () => {
    vi.useFakeTimers();
    try {
      const onValueChange = vi.fn();
      wrap(<SearchField label={en.common.search} value="" onValueChange={onValueChange} debounceMs={300} />);
      const input = screen.getByRole('searchbox', { name: en.common.search });
      fireEvent.change(input, { target: { value: 'an' } });
      fireEvent.change(input, { target: { value: 'ana' } });
      expect(onValueChange).not.toHaveBeenCalled();
      act(() => vi.advanceTimersByTime(299));
      expect(onValueChange).not.toHaveBeenCalled();
      act(() => vi.advanceTimersByTime(1));
      expect(onValueChange).toHaveBeenCalledExactlyOnceWith('ana');
      fireEvent.change(input, { target: { value: 'ana l' } });
      fireEvent.keyDown(input, { key: 'Enter' });
      expect(onValueChange).toHaveBeenLastCalledWith('ana l');
      act(() => vi.advanceTimersByTime(1000));
      expect(onValueChange).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('given text, the clear button empties it and applies the empty search at once', async () => {
    const onValueChange = vi.fn();
    wrap(<SearchField label={en.common.search} value="ana" onValueChange={onValueChange} />);
    await userEvent.click(screen.getByRole('button', { name: en.common.clearSearch }));
    expect(screen.getByRole('searchbox')).toHaveValue('');
    expect(onValueChange).toHaveBeenCalledWith('');
  });

  it('given a new value from outside, it shows that value', () => {
    const view = wrap(<SearchField label="x" value="a" onValueChange={() => {}} />);
    view.rerender(
      <UserAdminProvider adapter={createTestAdapter()}><UserAdminRoot><SearchField label="x" value="b" onValueChange={() => {}} /></UserAdminRoot></UserAdminProvider>,
    );
    expect(screen.getByRole('searchbox')).toHaveValue('b');
  });
});

describe('Tabs', () => {
  function Harness() {
    const [value, setValue] = useState('a');
    return (
      <>
        <Tabs idBase="t" label="views" value={value} onValueChange={setValue}
          items={[{ value: 'a', label: 'A', count: 1240 }, { value: 'b', label: 'B', disabled: true }, { value: 'c', label: 'C' }]} />
        <TabPanel idBase="t" value={value} active>{`panel ${value}`}</TabPanel>
      </>
    );
  }
  it('given arrow keys, focus and selection move and skip disabled tabs; one tab stop', async () => {
    wrap(<Harness />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    expect(tabs[0]).toHaveTextContent('1,240');
    tabs[0]!.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'C' })).toHaveFocus();
    expect(screen.getByRole('tabpanel')).toHaveTextContent('panel c');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('C');
    await userEvent.keyboard('{Home}');
    expect(screen.getByRole('tab', { name: /A/ })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'C' })).toHaveAttribute('aria-selected', 'true');
  });
  it('given a value matching no tab, the first tab keeps the tab stop', () => {
    wrap(<Tabs idBase="t" label="v" value="zzz" onValueChange={() => {}} items={[{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]} />);
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1]);
    expect(screen.getAllByRole('tab').map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'false']);
  });
  it("given a host onKeyDown, runs it and then the arrows; a host's preventDefault() keeps the selection", async () => {
    const onValueChange = vi.fn();
    const hostKeyDown = vi.fn((event: React.KeyboardEvent) => {
      if (event.key === 'End') event.preventDefault();
    });
    wrap(<Tabs idBase="t" label="v" value="a" onValueChange={onValueChange} onKeyDown={hostKeyDown}
      items={[{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]} />);
    screen.getByRole('tab', { name: 'A' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(hostKeyDown).toHaveBeenCalledTimes(1);
    expect(onValueChange).toHaveBeenLastCalledWith('b');
    await userEvent.keyboard('{End}');
    expect(hostKeyDown).toHaveBeenCalledTimes(2);
    expect(onValueChange).toHaveBeenCalledTimes(1);
  });
  it('in a right-to-left page or with dir="rtl", ArrowLeft moves to the next tab, without reading computed styles', async () => {
    const styles = vi.spyOn(window, 'getComputedStyle');
    const onValueChange = vi.fn();
    const items = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }];
    const view = wrap(<div dir="rtl"><Tabs idBase="t" label="v" value="a" onValueChange={onValueChange} items={items} /></div>);
    screen.getByRole('tab', { name: 'A' }).focus();
    styles.mockClear();
    await userEvent.keyboard('{ArrowLeft}');
    expect(onValueChange).toHaveBeenLastCalledWith('b');
    await userEvent.keyboard('{ArrowRight}');
    expect(onValueChange).toHaveBeenLastCalledWith('c');
    expect(styles).not.toHaveBeenCalled();
    view.unmount();
    wrap(<Tabs idBase="t" label="v" value="a" dir="rtl" onValueChange={onValueChange} items={items} />);
    expect(screen.getByRole('tablist')).toHaveAttribute('dir', 'rtl');
    screen.getByRole('tab', { name: 'A' }).focus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(onValueChange).toHaveBeenLastCalledWith('b');
    styles.mockRestore();
  });
  it('counts are formatted for the locale', () => {
    wrap(<Tabs idBase="t" label="v" value="a" onValueChange={() => {}} items={[{ value: 'a', label: 'A', count: 1240 }]} />, 'fr');
    expect(screen.getByRole('tab').textContent).toMatch(/1\s240/);
  });
});

describe('ActionMenu', () => {
  it('given a disabled item, it stays focusable, says why, and selecting it does nothing', async () => {
    const deactivate = vi.fn();
    const edit = vi.fn();
    wrap(
      <ActionMenu label="More actions for Ana" items={[
        { key: 'edit', label: 'Edit', onSelect: edit },
        { key: 'deactivate', label: 'Deactivate', onSelect: deactivate, disabled: true, disabledReason: en.errors.reason.self_action },
      ]} />,
    );
    const trigger = screen.getByRole('button', { name: 'More actions for Ana' });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const item = await screen.findByRole('menuitem', { name: /Deactivate/ });
    expect(item).toHaveAttribute('aria-disabled', 'true');
    expect(item).toHaveAccessibleDescription(en.errors.reason.self_action);
    await userEvent.click(item);
    expect(deactivate).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('menuitem', { name: 'Edit' }));
    expect(edit).toHaveBeenCalledOnce();
  });
});

describe('ActionMenu direction', () => {
  it('a right-to-left locale reaches the Radix menu (its content reads rtl); English stays ltr', async () => {
    for (const [locale, dir] of [['ar', 'rtl'], ['en', 'ltr']] as const) {
      // Arabic added by a host through `messages` alone (one message is enough to show it).
      const view = render(
        <UserAdminProvider adapter={createTestAdapter()} locale={locale} messages={{ ar: { common: { loading: 'جارٍ التحميل…' } } }}>
          <UserAdminRoot><ActionMenu label="More actions for Ana" items={[{ key: 'edit', label: 'Edit', onSelect: () => {} }]} /></UserAdminRoot>
        </UserAdminProvider>,
      );
      screen.getByRole('button', { name: 'More actions for Ana' }).focus();
      await userEvent.keyboard('{Enter}');
      const menu = await screen.findByRole('menu');
      expect(menu).toHaveAttribute('dir', dir);
      view.unmount();
    }
  });
});

describe('ActionMenu direction from the root', () => {
  it("a host's dir on the root wins over the locale's: English text in a right-to-left host, the menu reads rtl", async () => {
    render(
      <UserAdminProvider adapter={createTestAdapter()} locale="en">
        <UserAdminRoot dir="rtl"><ActionMenu label="More actions for Ana" items={[{ key: 'edit', label: 'Edit', onSelect: () => {} }]} /></UserAdminRoot>
      </UserAdminProvider>,
    );
    screen.getByRole('button', { name: 'More actions for Ana' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('menu')).toHaveAttribute('dir', 'rtl');
  });
});

describe('ConfirmDialog', () => {
  it('given a pending action, it cannot be dismissed; given an error, it shows it translated', async () => {
    const onOpenChange = vi.fn();
    const view = wrap(
      <ConfirmDialog open onOpenChange={onOpenChange} title="Remove Ana?" description="Removal deletes" confirmLabel="Remove" pending onConfirm={() => {}} />,
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Ana?' });
    expect(dialog).toHaveAccessibleDescription('Removal deletes');
    await userEvent.keyboard('{Escape}');
    expect(onOpenChange).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('button', { name: 'Remove' })).toBeDisabled();
    view.rerender(
      <UserAdminProvider adapter={createTestAdapter()} locale="fr"><UserAdminRoot>
        <ConfirmDialog open onOpenChange={onOpenChange} title="t" description="d" confirmLabel="c" error={new UserAdminError('conflict', 'x', { reason: 'last_admin' })} onConfirm={() => {}} />
      </UserAdminRoot></UserAdminProvider>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(fr.errors.reason.last_admin);
  });
  it('portals inside the themed root', () => {
    const { container } = wrap(<ConfirmDialog open onOpenChange={() => {}} title="t" description="d" confirmLabel="c" onConfirm={() => {}} />);
    expect(container.querySelector('.uak-root [role="alertdialog"]')).not.toBeNull();
  });
});

describe('Pagination, Field, Chip, ResultList, HoverDetails, ErrorState, announcer', () => {
  it('pagination disables previous on the first page and next on the last, and changes the page size', async () => {
    const onPage = vi.fn();
    const onSize = vi.fn();
    wrap(<Pagination pageIndex={0} pageCount={3} pageSize={25} onPageIndexChange={onPage} onPageSizeChange={onSize} />);
    expect(screen.getByRole('button', { name: en.common.previousPage })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: en.common.nextPage }));
    expect(onPage).toHaveBeenCalledWith(1);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: en.common.rowsPerPage }), '100');
    expect(onSize).toHaveBeenCalledWith(100);
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
  });
  it('a field links its hint and error to the control and marks it invalid', () => {
    wrap(<Field label="Email" hint="Work address" error="Enter a valid email address.">{(c) => <input {...c} />}</Field>);
    const input = screen.getByRole('textbox', { name: 'Email' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Work address Enter a valid email address.');
  });
  it('a chip is removable by a named button and reads its reason', async () => {
    const onRemove = vi.fn();
    wrap(<Chip tone="danger" description={en.invite.skipReason.invalid} onRemove={onRemove}>ana@@x</Chip>);
    const button = screen.getByRole('button', { name: 'Remove ana@@x' });
    expect(button).toHaveAccessibleDescription(en.invite.skipReason.invalid);
    await userEvent.click(button);
    expect(onRemove).toHaveBeenCalledOnce();
  });
  it('a result list puts failures first and counts both', () => {
    wrap(<ResultList title="Results" items={[{ key: '1', label: 'a', ok: true }, { key: '2', label: 'b', ok: false, message: 'why' }]} />);
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/Failed\s*b\s*why/);
    expect(screen.getByText('1 done, 1 failed')).toBeInTheDocument();
  });
  it('hover details open on focus and close with Escape', async () => {
    wrap(<HoverDetails label="3 entities">Paris, Lyon, Lisbon</HoverDetails>);
    const trigger = screen.getByRole('button', { name: '3 entities' });
    expect(screen.queryByText('Paris, Lyon, Lisbon')).not.toBeVisible();
    await userEvent.tab();
    expect(trigger).toHaveFocus();
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Paris, Lyon, Lisbon')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
  });
  it('an error state translates the error and retries', async () => {
    const onRetry = vi.fn();
    wrap(<ErrorState error={new UserAdminError('network', 'offline')} onRetry={onRetry} />);
    expect(screen.getByRole('alert')).toHaveTextContent(en.errors.network);
    await userEvent.click(screen.getByRole('button', { name: en.common.retry }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
  it('announce writes to the root live region', async () => {
    function Announcer() {
      const announce = useAnnounce();
      return <Button onClick={() => announce('Ana deactivated')}>go</Button>;
    }
    const { container } = wrap(<Announcer />);
    await userEvent.click(screen.getByRole('button', { name: 'go' }));
    expect(container.querySelector('[data-slot="announcer"]')?.textContent).toContain('Ana deactivated');
  });
});

describe('parts named by their caller', () => {
  it('given a data-slot from the caller, Button, Badge and StatusMessage keep it, and otherwise name themselves', () => {
    wrap(
      <>
        <Button data-slot="editor-submit">Save</Button>
        <Button>Plain</Button>
        <Badge data-slot="sso-badge">SSO</Badge>
        <StatusMessage tone="info" data-slot="editor-note">Note</StatusMessage>
      </>,
    );
    expect(screen.getByRole('button', { name: 'Save' })).toHaveAttribute('data-slot', 'editor-submit');
    expect(screen.getByRole('button', { name: 'Plain' })).toHaveAttribute('data-slot', 'button');
    expect(screen.getByText('SSO')).toHaveAttribute('data-slot', 'sso-badge');
    expect(screen.getByText('Note').closest('[role="status"]')).toHaveAttribute('data-slot', 'editor-note');
  });
});
