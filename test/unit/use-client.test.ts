// @vitest-environment node
/**
 * Which built modules get 'use client' (scripts/use-client.mjs): a module that runs React (its own
 * import of React, a React-only package, a TanStack Query hook or provider, or another module's hook
 * it calls, by any local name), and not one that only re-exports or uses TanStack Query's plain parts.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations.
import { isClientModule } from '../../scripts/use-client.mjs';

const check = isClientModule as (code: string) => boolean;

describe('use-client marking', () => {
  it.each([
    ['a namespace import used as Menu.Root', "import * as Menu from '@radix-ui/react-dropdown-menu';\nexport const A = () => Menu.Root;", true],
    ['a hook imported under another name and called', "import { useThing as useY } from './x.js';\nexport function f() { return useY(); }", true],
    ['the JSX runtime', "import { jsx } from 'react/jsx-runtime';\nexport const C = () => jsx('div', {});", true],
    ['a default React import', "import React from 'react';\nexport const C = () => React.createElement('div');", true],
    ['a hook only re-exported', "import { useThing } from './x.js';\nexport { useThing };", false],
    ["TanStack Query's queryOptions", "import { queryOptions } from '@tanstack/react-query';\nexport const o = queryOptions({});", false],
    ['no React at all', "import { enforce } from './core/refusal.js';\nexport const f = () => enforce(null);", false],
  ])('%s', (_name, code, client) => {
    expect(check(code)).toBe(client);
  });
});
