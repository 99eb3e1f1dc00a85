// Runs in both the normal run (React 19) and the React 18 run (vitest.react18.config.ts): a ref
// given as a prop reaches the element on each, and on 19 withRef changes nothing.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { createRef, version, type ComponentProps } from 'react';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { createTestAdapter } from '../../test/utils/test-adapter';
import en from '../i18n/locales/en.json';
import { EntityAccessPicker } from '../entities/components';
import { Badge, Button, Checkbox, SearchField, StatusMessage, TabPanel, UserAdminRoot } from '.';
import { withRef } from './withRef';

describe('withRef', () => {
  it('on React 19 is the component itself; on 18 a forwardRef', () => {
    function Plain(props: ComponentProps<'span'>) {
      return <span {...props} />;
    }
    const wrapped = withRef(Plain);
    if (version.startsWith('19.')) expect(wrapped).toBe(Plain);
    else expect(wrapped).toMatchObject({ $$typeof: Symbol.for('react.forward_ref'), displayName: 'Plain' });
  });

  it("gives a host's ref the element: the primitives and a field", async () => {
    const refs = {
      button: createRef<HTMLButtonElement>(),
      badge: createRef<HTMLSpanElement>(),
      checkbox: createRef<HTMLInputElement>(),
      search: createRef<HTMLInputElement>(),
      status: createRef<HTMLDivElement>(),
      panel: createRef<HTMLDivElement>(),
      picker: createRef<HTMLElement>(),
      root: createRef<HTMLDivElement>(),
    };
    render(
      <UserAdminProvider adapter={createTestAdapter()} locale="en">
        <UserAdminRoot ref={refs.root}>
          <Button ref={refs.button}>{en.common.save}</Button>
          <Badge ref={refs.badge}>{en.common.loading}</Badge>
          <Checkbox ref={refs.checkbox} aria-label={en.common.search} />
          <SearchField ref={refs.search} label={en.common.search} value="" onValueChange={() => {}} />
          <StatusMessage ref={refs.status} tone="success">{en.common.loading}</StatusMessage>
          <TabPanel ref={refs.panel} idBase="t" value="a" active>{en.common.loading}</TabPanel>
          <EntityAccessPicker ref={refs.picker} label={en.common.search} value={{ entityIds: [], subtreeEntityIds: [] }} onValueChange={() => {}} />
        </UserAdminRoot>
      </UserAdminProvider>,
    );
    // The root keeps its own ref (the portal container) and gives the host's the same element.
    expect(refs.root.current).toHaveClass('uak-root');
    expect(refs.button.current).toBe(screen.getByRole('button', { name: en.common.save }));
    expect(refs.badge.current?.tagName).toBe('SPAN');
    expect(refs.checkbox.current).toBe(screen.getByRole('checkbox'));
    expect(refs.search.current).toBe(screen.getByRole('searchbox'));
    expect(refs.status.current?.tagName).toBe('DIV');
    expect(refs.panel.current).toBe(screen.getByRole('tabpanel'));
    // The picker's ref is its focus target (react-hook-form focuses it on an error).
    await waitFor(() => expect(refs.picker.current?.getAttribute('data-slot')).toBe('entity-access-picker-trigger'));
  });
});
