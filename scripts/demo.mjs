// `npm run demo [-- --backend mock|better-auth|scim]`: the demo page on the chosen backend.
// `mock` (the default) runs the reference store in the page; the others start a real server
// (servers/) inside the same dev server. Also reads DEMO_BACKEND and PORT.
import { createServer } from 'vite';

const args = process.argv.slice(2);
const at = args.findIndex((a) => a === '--backend' || a.startsWith('--backend='));
if (at >= 0) process.env.DEMO_BACKEND = args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
const server = await createServer({ configFile: new URL('../demo/vite.config.ts', import.meta.url).pathname });
await server.listen();
console.log(`user-admin-kit demo on the ${process.env.DEMO_BACKEND || 'mock'} backend:`);
server.printUrls();
