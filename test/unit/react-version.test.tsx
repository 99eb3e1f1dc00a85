// The normal run tests React 19, the project's own; test/react18/react-version.test.tsx is the React
// 18 run's counterpart (vitest.react18.config.ts, which leaves this file out).
import { version as reactVersion } from 'react';
import { version as domVersion } from 'react-dom';

it('the normal run gets React 19', () => {
  expect(reactVersion).toMatch(/^19\./);
  expect(domVersion).toMatch(/^19\./);
});
