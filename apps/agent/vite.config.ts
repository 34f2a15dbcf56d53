import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API and Socket.IO live on the server at :8080; in production the server
// serves this build at /agent/ on the same origin, so no URL is configured anywhere.
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/agent/',
  plugins: [react()],
  resolve: { dedupe: ['react', 'react-dom', 'zustand', '@tanstack/react-query'] },
  server: {
    port: 5173,
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
      // The softphone's SIP over WebSocket (RFC 7118) to the gateway embedded in the server.
      '/sip': { target: server, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
