/**
 * Skills with levels as one text field, `Support:7, Sales:3` (an agent's levels, or a queue's
 * minimum levels): short to type and read, checked by the contracts once parsed.
 */
export interface SkillLevelText {
  skill: string;
  level: number;
}

/** Parses `name:level` items separated by commas; a malformed item gets level NaN (the schema refuses it, naming the item). */
export function parseSkillLevels(text: string): SkillLevelText[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const at = item.lastIndexOf(':');
      if (at === -1) return { skill: item, level: Number.NaN };
      const level = item.slice(at + 1).trim();
      return { skill: item.slice(0, at).trim(), level: /^\d+$/.test(level) ? Number(level) : Number.NaN };
    });
}

export function formatSkillLevels(skills: readonly { skill: string; level?: number; minLevel?: number }[]): string {
  return skills.map((s) => `${s.skill}:${s.level ?? s.minLevel ?? ''}`).join(', ');
}
