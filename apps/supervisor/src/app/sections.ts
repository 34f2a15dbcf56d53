/**
 * The supervisor app's sections, addressed by the URL hash (`#/wallboard`, `#/calls`,
 * `#/audit`, `#/admin`) so a section can be bookmarked, reloaded and opened on a wall screen. Admin is
 * shown to administrators only (the server refuses its writes to anyone else anyway).
 */
export type SectionId = 'wallboard' | 'calls' | 'audit' | 'admin';

export interface Section {
  id: SectionId;
  label: string;
  adminOnly: boolean;
}

export const SECTIONS: readonly Section[] = [
  { id: 'wallboard', label: 'Wallboard', adminOnly: false },
  { id: 'calls', label: 'Call log', adminOnly: false },
  { id: 'audit', label: 'Audit log', adminOnly: false },
  { id: 'admin', label: 'Administration', adminOnly: true },
];

/** The section a hash names, if this role may see it; else the wallboard. */
export function sectionFromHash(hash: string, role: string | null): SectionId {
  const id = /^#\/([a-z-]+)/.exec(hash)?.[1];
  const section = SECTIONS.find((s) => s.id === id);
  if (!section || (section.adminOnly && role !== 'admin')) return 'wallboard';
  return section.id;
}

export function sectionsFor(role: string | null): Section[] {
  return SECTIONS.filter((s) => !s.adminOnly || role === 'admin');
}
