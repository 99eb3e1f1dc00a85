'use client';

import { useState } from 'react';
import { UserAdmin, UserAdminProvider } from 'user-admin-kit';
import { createExampleBackend } from '../lib/backend';

/**
 * The whole screen, a client component: the adapter (functions) lives here, in the browser. It
 * finds the server's prefetched queries in the QueryClient above it (app/providers.tsx).
 */
export function AdminScreen() {
  const [backend] = useState(createExampleBackend);
  return (
    <UserAdminProvider adapter={backend.adapter} locale="en">
      <UserAdmin now={backend.now} />
    </UserAdminProvider>
  );
}
