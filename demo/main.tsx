import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startMockWorker } from '../mocks/browser';
import { DemoApp } from './DemoApp';
import '../src/styles.css';
import './demo.css';

async function main() {
  // The reference backend runs in the page; the app talks to it over HTTP through MSW.
  const backend = await startMockWorker({ baseUrl: '/api' });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <DemoApp backend={backend} />
    </StrictMode>,
  );
}

void main();
