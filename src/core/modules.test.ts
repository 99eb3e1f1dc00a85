import { describe, expect, it } from 'vitest';
import type { Module, Role } from '../contract/types';
import { applyRolePreset, canGrantModule, clearAdminOnly, lockedModuleIds, normalizePermissions } from './modules';

const modules: Module[] = [
  { id: 'pricing', name: 'Pricing', adminOnly: true, levels: ['none', 'view', 'edit'] },
  { id: 'documents', name: 'Documents', adminOnly: false, levels: ['none', 'view', 'edit'] },
  { id: 'signature', name: 'Signature', adminOnly: false, levels: ['off', 'on'] },
];
const [pricing, documents] = modules as [Module, Module, Module];
const admin: Role = { id: 'admin', name: 'Admin', description: null, isAdmin: true, defaultPermissions: { pricing: 'edit', documents: 'edit', signature: 'on' } };
const member: Role = { id: 'member', name: 'Member', description: null, isAdmin: false, defaultPermissions: { pricing: 'edit', documents: 'view' } };

describe('canGrantModule', () => {
  it('given an admin-only module, only an admin role may be granted it', () => {
    expect(canGrantModule(admin, pricing)).toBe(true);
    expect(canGrantModule(member, pricing)).toBe(false);
    expect(canGrantModule(null, pricing)).toBe(false);
  });

  it('given an ordinary module, any role (or none) may be granted it', () => {
    expect(canGrantModule(member, documents)).toBe(true);
    expect(canGrantModule(null, documents)).toBe(true);
  });
});

describe('lockedModuleIds', () => {
  it('given a non-admin role, locks exactly the admin-only modules', () => {
    expect(lockedModuleIds(member, modules)).toEqual(['pricing']);
  });

  it('given an admin role, locks nothing', () => {
    expect(lockedModuleIds(admin, modules)).toEqual([]);
  });
});

describe('clearAdminOnly', () => {
  it('when a user is demoted, sets granted admin-only modules back to no access and keeps the rest', () => {
    expect(clearAdminOnly({ pricing: 'edit', documents: 'view' }, modules)).toEqual({ pricing: 'none', documents: 'view' });
  });

  it('does not add entries for admin-only modules that were absent, nor mutate its input', () => {
    const input = { documents: 'edit' };
    expect(clearAdminOnly(input, modules)).toEqual({ documents: 'edit' });
    expect(input).toEqual({ documents: 'edit' });
  });
});

describe('normalizePermissions', () => {
  it('gives every module a valid level, replacing missing and unknown levels by the first and dropping unknown modules', () => {
    expect(normalizePermissions({ documents: 'admin', signature: 'on', ghost: 'edit' }, modules)).toEqual({
      pricing: 'none',
      documents: 'none',
      signature: 'on',
    });
  });

  it('without a role, keeps admin-only grants; with a non-admin role (or none), clears them', () => {
    expect(normalizePermissions({ pricing: 'view' }, modules).pricing).toBe('view');
    expect(normalizePermissions({ pricing: 'view' }, modules, member).pricing).toBe('none');
    expect(normalizePermissions({ pricing: 'view' }, modules, null).pricing).toBe('none');
    expect(normalizePermissions({ pricing: 'view' }, modules, admin).pricing).toBe('view');
  });
});

describe('applyRolePreset', () => {
  it('given an admin role, grants its defaults on every module', () => {
    expect(applyRolePreset(admin, modules)).toEqual({ pricing: 'edit', documents: 'edit', signature: 'on' });
  });

  it('given a non-admin role whose defaults name an admin-only module, never grants it', () => {
    expect(applyRolePreset(member, modules)).toEqual({ pricing: 'none', documents: 'view', signature: 'off' });
  });
});
