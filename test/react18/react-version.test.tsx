// Runs only under vitest.react18.config.ts (unit-react18 and browser-react18): the React the tests,
// the library and its dependencies get is 18, one copy of it, or this run would quietly test 19.
import { version as reactVersion, useState, type ReactElement } from 'react';
import { version as domVersion } from 'react-dom';
import { jsx } from 'react/jsx-runtime';
import { render, screen } from '@testing-library/react';
import { useQuery, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { UserAdmin, UserAdminProvider } from 'user-admin-kit';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { createTestQueryClient } from '../utils/test-adapter';

describe('the React 18 run', () => {
  it('gets React 18, its ReactDOM and its JSX runtime', () => {
    expect(reactVersion).toMatch(/^18\./);
    expect(domVersion).toMatch(/^18\./);
    // 19's elements are 'react.transitional.element'.
    expect((jsx('div', {}) as ReactElement & { $$typeof: symbol }).$$typeof).toBe(Symbol.for('react.element'));
  });

  it('renders hooks of the tests, a dependency and the library with that one React', async () => {
    function Counter() {
      const [n] = useState(18);
      const query = useQuery({ queryKey: ['n'], queryFn: () => Promise.resolve(n) });
      return <p>{query.data === undefined ? 'loading' : `React ${query.data}`}</p>;
    }
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Counter />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('React 18')).toBeInTheDocument();
  });

  it('renders the whole screen, the library and its dependencies on that React', async () => {
    const adapter = createMemoryAdapter(createMockStore({ userCount: 5 }), { latencyMs: 0 });
    render(
      <UserAdminProvider adapter={adapter} queryClient={createTestQueryClient()} locale="en">
        <UserAdmin />
      </UserAdminProvider>,
    );
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Users/ })).toBeInTheDocument();
  });
});
