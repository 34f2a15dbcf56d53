/**
 * The widget's settings, read from the host page's <script data-*> attributes. Every value
 * comes from a page we do not control, so each one is checked and a bad one falls back to its
 * default (with a console warning) instead of breaking the page or injecting CSS.
 */
import type { WidgetCallTokenRequest } from '@ccx/contracts';
import { LANGUAGES, type WidgetLanguage } from './i18n';

export type WidgetPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

export interface WidgetConfig {
  /** Which IVR entry point a call from this page starts at: its number (`1000`) or its flow's name. */
  entryPoint: string;
  /** The button's text; null: "Call us" in the visitor's language. */
  label: string | null;
  /** Background colour of the button, `#rgb` or `#rrggbb`. */
  color: string;
  position: WidgetPosition;
  /** The languages the widget may speak to this page's visitors, the page's preferred first. */
  languages: readonly WidgetLanguage[];
  /**
   * Who the visitor is, as the host page knows them (usually its logged-in user):
   * `data-customer-phone`, `data-customer-email`. Sent with the call token so the agent's
   * screen pop finds the customer; nobody verifies it, and the screen pop says so.
   */
  customerPhone: string | null;
  customerEmail: string | null;
}

export const DEFAULT_CONFIG: WidgetConfig = {
  entryPoint: '1000',
  label: null,
  color: '#0b5fff',
  position: 'bottom-right',
  languages: ['en'],
  customerPhone: null,
  customerEmail: null,
};

const POSITIONS: readonly WidgetPosition[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
const ENTRY_POINT = /^[A-Za-z0-9_-]{1,64}$/;
const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const MAX_LABEL = 40;
// The server's rules for a call token's `visitor` (contracts: DialNumberSchema, zod's e-mail
// pattern), copied so the loader carries no zod; config.spec.ts checks they agree, so a value
// kept here is never one that makes the server refuse the call.
const PHONE = /^\+?[0-9]{3,20}$/;
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const MAX_EMAIL = 254;

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
  function pick<T>(attribute: string, raw: string | undefined, valid: (value: string) => boolean, fallback: T, convert = (value: string) => value as T): T {
    if (raw === undefined) return fallback;
    const value = raw.trim();
    if (valid(value)) return convert(value);
    problems.push({ attribute, value: raw });
    return fallback;
  }
  const languageList = (value: string) => value.split(',').map((l) => l.trim().toLowerCase());

  const config: WidgetConfig = {
    entryPoint: pick('data-entry-point', dataset.entryPoint, (v) => ENTRY_POINT.test(v), DEFAULT_CONFIG.entryPoint),
    label: pick<string | null>('data-label', dataset.label, (v) => v.length > 0 && v.length <= MAX_LABEL, DEFAULT_CONFIG.label),
    color: pick('data-color', dataset.color, (v) => HEX_COLOR.test(v), DEFAULT_CONFIG.color),
    position: pick('data-position', dataset.position, (v) => (POSITIONS as readonly string[]).includes(v), DEFAULT_CONFIG.position),
    languages: pick(
      'data-languages',
      dataset.languages,
      (v) => {
        const list = languageList(v);
        return list.length > 0 && new Set(list).size === list.length && list.every((l) => (LANGUAGES as readonly string[]).includes(l));
      },
      DEFAULT_CONFIG.languages,
      (v) => languageList(v) as WidgetLanguage[],
    ),
    customerPhone: pick<string | null>('data-customer-phone', dataset.customerPhone, (v) => PHONE.test(v), DEFAULT_CONFIG.customerPhone),
    customerEmail: pick<string | null>('data-customer-email', dataset.customerEmail, (v) => v.length <= MAX_EMAIL && EMAIL.test(v), DEFAULT_CONFIG.customerEmail),
  };
  return { config, problems };
}

/** The body of `POST /api/widget/call-token`: the entry point, and the visitor's identity when the page declared one. */
export function callTokenRequest(config: WidgetConfig): WidgetCallTokenRequest {
  const visitor = {
    ...(config.customerPhone !== null ? { phone: config.customerPhone } : {}),
    ...(config.customerEmail !== null ? { email: config.customerEmail } : {}),
  };
  return { entryPoint: config.entryPoint, ...(Object.keys(visitor).length > 0 ? { visitor } : {}) };
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
