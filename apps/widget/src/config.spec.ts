import { WidgetCallTokenRequestSchema } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { callTokenRequest, DEFAULT_CONFIG, parseWidgetConfig, textColorFor } from './config';
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
    expect(config).toEqual({ ...DEFAULT_CONFIG, entryPoint: '1001', label: 'Talk to sales', color: '#ff8800', position: 'top-left', languages: ['zh', 'en'] });
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
    ['customerPhone', '+1 415 555 0102'],
    ['customerPhone', '12'],
    ['customerPhone', 'tel:+14155550102'],
    ['customerEmail', 'bob'],
    ['customerEmail', 'bob@localhost'],
    ['customerEmail', `${'b'.repeat(250)}@example.com`],
    ['customerEmail', '<script>@x.io'],
  ] as const)('falls back to the default for invalid %s %j', (key, value) => {
    const { config, problems } = parseWidgetConfig({ [key]: value });
    expect(config[key]).toEqual(DEFAULT_CONFIG[key]);
    expect(problems).toEqual([{ attribute: `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, value }]);
  });
});

describe('the visitor identity the page declares', () => {
  it('is kept, trimmed, when valid, and sent with the call token request', () => {
    const { config, problems } = parseWidgetConfig({ entryPoint: '1001', customerPhone: ' +14155550102 ', customerEmail: 'Bob.Smith@Example.com' });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ customerPhone: '+14155550102', customerEmail: 'Bob.Smith@Example.com' });
    expect(callTokenRequest(config)).toEqual({ entryPoint: '1001', visitor: { phone: '+14155550102', email: 'Bob.Smith@Example.com' } });
    expect(callTokenRequest(parseWidgetConfig({ customerEmail: 'a@b.co' }).config)).toEqual({ entryPoint: '1000', visitor: { email: 'a@b.co' } });
  });

  it('is left out of the call token request when the page declares none (or only bad values)', () => {
    expect(callTokenRequest(DEFAULT_CONFIG)).toEqual({ entryPoint: '1000' });
    expect(callTokenRequest(parseWidgetConfig({ customerPhone: 'n/a', customerEmail: 'none' }).config)).toEqual({ entryPoint: '1000' });
  });

  // The widget drops what the server would refuse, and keeps what it takes: a page's bad
  // attribute costs the identity, never the call.
  it.each([
    '+14155550102',
    '4155550102',
    '123',
    '+123456789012345678901',
    '+1-415-555-0102',
    ' 555 ',
    '',
    '++1234',
  ])('agrees with the server on the phone number %j', (phone) => {
    const kept = parseWidgetConfig({ customerPhone: phone }).config.customerPhone !== null;
    expect(kept).toBe(WidgetCallTokenRequestSchema.safeParse({ entryPoint: '1000', visitor: { phone } }).success);
  });

  it.each([
    'bob@example.com',
    'Bob.Smith+tag@mail.example.co.uk',
    " o'neil@example.ie ",
    'bob@localhost',
    'bob@@example.com',
    '.bob@example.com',
    'bob.@example.com',
    'bob@-example.com',
    'bob@example.c',
    '',
    `${'b'.repeat(242)}@example.com`,
    `${'b'.repeat(243)}@example.com`,
  ])('agrees with the server on the e-mail %j', (email) => {
    const kept = parseWidgetConfig({ customerEmail: email }).config.customerEmail !== null;
    expect(kept).toBe(WidgetCallTokenRequestSchema.safeParse({ entryPoint: '1000', visitor: { email } }).success);
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
