import type { NextConfig } from 'next';
import { fileURLToPath } from 'node:url';

// This folder is the app's root (the repository above has its own lockfile).
const root = fileURLToPath(new URL('.', import.meta.url));

const nextConfig: NextConfig = {
  outputFileTracingRoot: root,
  turbopack: { root },
  poweredByHeader: false,
};

export default nextConfig;
