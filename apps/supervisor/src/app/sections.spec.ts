import { describe, expect, it } from 'vitest';
import { sectionFromHash, sectionsFor } from './sections';

describe('supervisor sections', () => {
  it('opens the section the hash names', () => {
    expect(sectionFromHash('#/calls', 'supervisor')).toBe('calls');
    expect(sectionFromHash('#/calls?from=2026-11-30', 'supervisor')).toBe('calls');
    expect(sectionFromHash('#/admin', 'admin')).toBe('admin');
    expect(sectionFromHash('#/audit', 'supervisor')).toBe('audit');
  });

  it('falls back to the wallboard for an unknown hash and for admin screens a supervisor may not see', () => {
    expect(sectionFromHash('', 'supervisor')).toBe('wallboard');
    expect(sectionFromHash('#/nope', 'admin')).toBe('wallboard');
    expect(sectionFromHash('#/admin', 'supervisor')).toBe('wallboard');
  });

  it('lists Administration for admins only', () => {
    expect(sectionsFor('supervisor').map((s) => s.id)).toEqual(['wallboard', 'calls', 'audit']);
    expect(sectionsFor('admin').map((s) => s.id)).toEqual(['wallboard', 'calls', 'audit', 'admin']);
  });
});
