import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseWidgetConfig, textColorFor } from './config';
import { pickLanguage } from './i18n';

describe(parseWidgetConfig.name, () => {
  it('uses the defaults when no attribute is given', () => {
    expect(parseWidgetConfig({})).toEqual({ config: DEFAULT_CONFIG, problems: [] });
    expect(DEFAULT_CONFIG).toMatchObject({ entryPoint: '1000', label: null, languages: ['en'] });
  });

  it('honours valid attributes', () => {
    const { config, problems } = parseWidgetConfig({
      entryPoint: '1001',
      label: 'Talk to sales',
      color: '#ff8800',
      position: 'top-left',
      languages: 'zh, en',
    });
    expect(config).toEqual({ entryPoint: '1001', label: 'Talk to sales', color: '#ff8800', position: 'top-left', languages: ['zh', 'en'] });
    expect(problems).toEqual([]);
    // A flow's name is an entry point too.
    expect(parseWidgetConfig({ entryPoint: 'main-ivr' }).config.entryPoint).toBe('main-ivr');
  });

  it.each([
    ['color', 'red; background: url(x)'],
    ['color', 'javascript:alert(1)'],
    ['color', '#12345'],
    ['position', 'middle'],
    ['entryPoint', '../../admin'],
    ['entryPoint', ''],
    ['label', '   '],
    ['label', 'x'.repeat(41)],
    ['languages', 'fr'],
    ['languages', 'en,en'],
    ['languages', ''],
    ['languages', 'en;zh'],
  ] as const)('falls back to the default for invalid %s %j', (key, value) => {
    const { config, problems } = parseWidgetConfig({ [key]: value });
    expect(config[key]).toEqual(DEFAULT_CONFIG[key]);
    expect(problems).toEqual([{ attribute: `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, value }]);
  });
});

describe(textColorFor.name, () => {
  it('picks white on dark blue and black on yellow', () => {
    expect(textColorFor('#0b5fff')).toBe('#ffffff');
    expect(textColorFor('#ffdd00')).toBe('#000000');
    expect(textColorFor('#fff')).toBe('#000000');
  });
});

describe(pickLanguage.name, () => {
  it("speaks the visitor's first language the page allows, else the page's first", () => {
    expect(pickLanguage(['en', 'zh'], ['zh-CN', 'en-US'])).toBe('zh');
    expect(pickLanguage(['en', 'zh'], ['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(['zh', 'en'], ['fr-FR'])).toBe('zh');
    expect(pickLanguage(['en'], ['zh-CN'])).toBe('en');
  });
});
