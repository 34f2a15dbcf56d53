import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseWidgetConfig, textColorFor } from './config';

describe(parseWidgetConfig.name, () => {
  it('uses the defaults when no attribute is given', () => {
    expect(parseWidgetConfig({})).toEqual({ config: DEFAULT_CONFIG, problems: [] });
  });

  it('honours valid attributes', () => {
    const { config, problems } = parseWidgetConfig({
      entryPoint: 'sales',
      label: 'Talk to sales',
      color: '#ff8800',
      position: 'top-left',
    });
    expect(config).toEqual({ entryPoint: 'sales', label: 'Talk to sales', color: '#ff8800', position: 'top-left' });
    expect(problems).toEqual([]);
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
  ] as const)('falls back to the default for invalid %s %j', (key, value) => {
    const { config, problems } = parseWidgetConfig({ [key]: value });
    expect(config[key]).toBe(DEFAULT_CONFIG[key]);
    expect(problems).toHaveLength(1);
  });
});

describe(textColorFor.name, () => {
  it('picks white on dark blue and black on yellow', () => {
    expect(textColorFor('#0b5fff')).toBe('#ffffff');
    expect(textColorFor('#ffdd00')).toBe('#000000');
    expect(textColorFor('#fff')).toBe('#000000');
  });
});
