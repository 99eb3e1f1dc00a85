'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { setNonce } from 'get-nonce';
import { useState, type ReactNode } from 'react';
import { createUserAdminQueryClient } from 'user-admin-kit/headless';

// Radix's scroll lock (react-remove-scroll, under the kit's dialogs) adds a <style> element when a
// dialog opens, with the nonce get-nonce gives it. The browser keeps every nonce-bearing script's
// nonce (not as an attribute, as the `nonce` property): take it from one of Next's scripts.
if (typeof document !== 'undefined') {
  const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
  if (nonce) setNonce(nonce);
}

/** One QueryClient per request on the server and once in the browser, as TanStack Query asks. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => createUserAdminQueryClient());
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
