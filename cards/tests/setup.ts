import { beforeEach } from 'vitest';

import { backend } from './backend';

beforeEach(() => {
  backend.reset();
});
