/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

const serverPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  root: 'src/client',
  publicDir: '../../public',
  build: {
    outDir: '../../dist',
    emptyOutDir: true,
    // Phaser alone is about 1.4 MB raw; it is loaded only by the exercise screens.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: {
      '/socket.io': { target: `http://localhost:${serverPort}`, ws: true },
      '/api': { target: `http://localhost:${serverPort}` },
    },
  },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    reporters: ['default', './test/support/closingLine.ts'],
    hookTimeout: 60_000,
  },
});
