import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setNonce } from 'get-nonce';
import { DemoApp, type DemoConnection } from './DemoApp';
import type { DemoBackendInfo } from './backends';
import '../src/styles.css';
import './demo.css';

// Under a strict Content-Security-Policy (no `unsafe-inline` styles), the one <style> element a
// dialog or menu adds (Radix's scroll lock, through react-remove-scroll) needs the response's
// nonce: a server that sends one puts it in `<meta property="csp-nonce" nonce="…">` (the browser
// hides the attribute and keeps it as the `nonce` property). test/e2e/demo-csp.e2e.test.ts.
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
if (nonce) setNonce(nonce);

/** Connects to the backend the dev server was started with (`npm run demo -- --backend <name>`). */
async function connect(): Promise<DemoConnection> {
  const info = (await (await fetch('/__demo/backend.json')).json()) as DemoBackendInfo | { error: string };
  if ('error' in info) throw new Error(info.error);
  if (info.kind === 'mock') {
    // The reference backend runs in the page; the app talks to it over HTTP through MSW.
    const { startMockWorker } = await import('../mocks/browser');
    const backend = await startMockWorker({ baseUrl: '/api' });
    return { kind: 'mock', store: backend.store };
  }
  const { createDemoAdapter } = await import('./connect');
  return { kind: info.kind, adapter: await createDemoAdapter(info) };
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  try {
    const connection = await connect();
    root.render(
      <StrictMode>
        <DemoApp connection={connection} />
      </StrictMode>,
    );
  } catch (error) {
    // Before the provider exists there is no translation: the page says it in its own words.
    root.render(<pre role="alert">{String(error)}</pre>);
  }
}

void main();
