import { describe, expect, it } from 'vitest';
import type { Module } from '../../contract/types';
import {
  countChangedCells, diffPermissions, isLockedCell, levelOf, nextLevel, setCellLevel, setColumnLevel, setRowLevel, withRowEdit,
} from './helpers';

const pricing: Module = { id: 'pricing', name: 'Pricing', adminOnly: true, levels: ['none', 'view', 'edit'] };
const docs: Module = { id: 'docs', name: 'Documents', adminOnly: false, levels: ['none', 'view', 'edit'] };
const chat: Module = { id: 'chat', name: 'Chat', adminOnly: false, levels: ['off', 'on'] };
const modules = [pricing, docs, chat];
const admin = { isAdmin: true };
const member = { isAdmin: false };

describe('permission matrix helpers', () => {
  it('levelOf reads a missing module as its first level', () => {
    expect(levelOf({}, chat)).toBe('off');
    expect(levelOf({ chat: 'on' }, chat)).toBe('on');
    expect(levelOf(undefined, docs)).toBe('none');
  });

  it('diffPermissions lists the modules whose level differs, a missing module counting as no access', () => {
    expect(diffPermissions({ docs: 'view' }, { docs: 'view', chat: 'off' }, modules)).toEqual([]);
    expect(diffPermissions({ docs: 'view' }, { docs: 'edit', chat: 'on' }, modules)).toEqual(['docs', 'chat']);
  });

  it('nextLevel cycles through the levels and back to the first', () => {
    expect(nextLevel(docs, 'none')).toBe('view');
    expect(nextLevel(docs, 'edit')).toBe('none');
    expect(nextLevel(chat, 'on')).toBe('off');
  });

  it('setCellLevel never grants an admin-only module to a non-admin row, nor an unknown level', () => {
    const values = { u: { docs: 'view' } };
    expect(isLockedCell(member, pricing)).toBe(true);
    expect(isLockedCell(null, pricing)).toBe(true);
    expect(isLockedCell(admin, pricing)).toBe(false);
    expect(setCellLevel(values, 'u', pricing, 'edit', member)).toBe(values);
    expect(setCellLevel(values, 'u', docs, 'bogus', member)).toBe(values);
    expect(setCellLevel(values, 'u', docs, 'view', member)).toBe(values);
    expect(setCellLevel(values, 'u', pricing, 'edit', admin)).toEqual({ u: { docs: 'view', pricing: 'edit' } });
  });

  it('setRowLevel sets every module to no access or its highest level, locked ones staying at no access', () => {
    expect(setRowLevel(modules, 'highest', member)).toEqual({ pricing: 'none', docs: 'edit', chat: 'on' });
    expect(setRowLevel(modules, 'highest', admin)).toEqual({ pricing: 'edit', docs: 'edit', chat: 'on' });
    expect(setRowLevel(modules, 'none', admin)).toEqual({ pricing: 'none', docs: 'none', chat: 'off' });
  });

  it('setColumnLevel sets one module for every row, skipping rows for which it is locked', () => {
    const rows = [{ id: 'a', role: admin }, { id: 'm', role: member }];
    expect(setColumnLevel({}, rows, pricing, 'view')).toEqual({ a: { pricing: 'view' } });
    expect(setColumnLevel({}, rows, docs, 'edit')).toEqual({ a: { docs: 'edit' }, m: { docs: 'edit' } });
  });

  it('countChangedCells counts the cells that differ from the baseline over every row', () => {
    expect(countChangedCells({ a: { docs: 'view' }, b: {} }, { a: { docs: 'edit', chat: 'on' }, b: { chat: 'off' } }, modules)).toBe(2);
  });

  it('withRowEdit keeps a row pending while it differs from its baseline and drops it once back', () => {
    const pending = withRowEdit({}, 'u', { docs: 'edit' }, { docs: 'view' }, modules);
    expect(pending).toEqual({ u: { pricing: 'none', docs: 'edit', chat: 'off' } });
    expect(withRowEdit(pending, 'u', { docs: 'edit' }, { docs: 'view' }, modules)).toBe(pending);
    expect(withRowEdit(pending, 'u', { docs: 'view' }, { docs: 'view' }, modules)).toEqual({});
  });
});
