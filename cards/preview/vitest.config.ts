import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests import the preview's module, exactly as bundles do through build.mjs's alias.
    alias: [
      { find: /^@hubspot\/ui-extensions$/, replacement: new URL('./src/ui-extensions.tsx', import.meta.url).pathname },
      { find: /^@hubspot\/ui-extensions\/crm$/, replacement: new URL('./src/crm.tsx', import.meta.url).pathname },
    ],
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    pool: 'threads',
    maxWorkers: 2,
  },
});
