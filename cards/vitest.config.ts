import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'preview/**'],
    // The HubSpot test renderer drives React through act(); tell React it runs inside a test.
    setupFiles: ['tests/setup.ts'],
  },
});
