/**
 * The widget's settings, read from the host page's <script data-*> attributes. Every value
 * comes from a page we do not control, so each one is checked and a bad one falls back to its
 * default (with a console warning) instead of breaking the page or injecting CSS.
 */
export type WidgetPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

export interface WidgetConfig {
  /** Which IVR entry point a call from this page starts at. */
  entryPoint: string;
  label: string;
  /** Background colour of the button, `#rgb` or `#rrggbb`. */
  color: string;
  position: WidgetPosition;
}

export const DEFAULT_CONFIG: WidgetConfig = {
  entryPoint: 'main',
  label: 'Call us',
  color: '#0b5fff',
  position: 'bottom-right',
};

const POSITIONS: readonly WidgetPosition[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
const ENTRY_POINT = /^[A-Za-z0-9_-]{1,64}$/;
const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const MAX_LABEL = 40;

export interface ConfigProblem {
  attribute: string;
  value: string;
}

/** Reads a dataset (`data-entry-point` → `entryPoint`); returns the config and what was rejected. */
export function parseWidgetConfig(dataset: Partial<Record<string, string>>): {
  config: WidgetConfig;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  function pick<T extends string>(attribute: string, raw: string | undefined, valid: (value: string) => boolean, fallback: T): T {
    if (raw === undefined) return fallback;
    const value = raw.trim();
    if (valid(value)) return value as T;
    problems.push({ attribute, value: raw });
    return fallback;
  }

  const config: WidgetConfig = {
    entryPoint: pick('data-entry-point', dataset.entryPoint, (v) => ENTRY_POINT.test(v), DEFAULT_CONFIG.entryPoint),
    label: pick('data-label', dataset.label, (v) => v.length > 0 && v.length <= MAX_LABEL, DEFAULT_CONFIG.label),
    color: pick('data-color', dataset.color, (v) => HEX_COLOR.test(v), DEFAULT_CONFIG.color),
    position: pick('data-position', dataset.position, (v) => (POSITIONS as readonly string[]).includes(v), DEFAULT_CONFIG.position),
  };
  return { config, problems };
}

/** Black or white text, whichever reads better on the given background (WCAG luminance). */
export function textColorFor(background: string): '#000000' | '#ffffff' {
  let hex = background.slice(1);
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast against white is (1.05)/(L+0.05), against black (L+0.05)/0.05; pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
