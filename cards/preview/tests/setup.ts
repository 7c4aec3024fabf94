import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { unmountPreview } from '../src/runtime/extend.tsx';
import { closeAllOverlays } from '../src/runtime/overlays.ts';

afterEach(() => {
  cleanup();
  unmountPreview();
  closeAllOverlays();
  delete window.__PREVIEW__;
  document.body.innerHTML = '';
});
