import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * The web client is a plain Vite build (React through Vite's own JSX transform: @vitejs/plugin-react cannot be
 * installed next to Vite 8). The server serves web/dist at `/`; `npm run dev:web` proxies /api and the socket to
 * a server on :3000 for live editing.
 */
export default defineConfig({
  root: webDir,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: path.join(webDir, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/uploads': 'http://localhost:3000',
      '/badges': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
