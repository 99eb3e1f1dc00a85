import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { connection } from 'next/server';
import { createUserAdminQueryClient, prefetchUserAdmin } from 'user-admin-kit/headless';
import { createExampleBackend } from '../lib/backend';
import { AdminScreen } from './admin-screen';

/**
 * A server component: it prefetches the first screen (settings, roles, modules, the first users
 * page, the counts) into a QueryClient and hands the cache to the browser, which renders the
 * table at once and fetches nothing it already has.
 */
export default async function Page() {
  // Rendered per request: a fresh CSP nonce (proxy.ts) and fresh data.
  await connection();
  const queryClient = createUserAdminQueryClient();
  await prefetchUserAdmin(queryClient, createExampleBackend().adapter);
  return (
    <main>
      <h1>Acme: administration</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AdminScreen />
      </HydrationBoundary>
    </main>
  );
}
