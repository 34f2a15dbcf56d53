import { defineConfig } from 'vitest/config';

// Two projects: `unit` (specs beside the code, fast, no sockets to other processes) and
// `integration` (test/**: real Chromium, real UDP sockets; files run one after another so
// two browsers never compete for the 2 cores and skew the media timing they measure).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.spec.ts', 'bench/**/*.spec.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.int.spec.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
