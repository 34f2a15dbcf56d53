import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_TAG, mountWidget } from './call-button';
import type { CallContext, CallModule } from './call-contract';
import { DEFAULT_CONFIG } from './config';
import { STRINGS } from './i18n';

/** Loads widget.js the way a host page does: with a <script data-*> tag as currentScript. */
async function loadWidget(attributes: Record<string, string> = {}) {
  const script = document.createElement('script');
  script.src = '/widget/widget.js';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.body.append(script);
  Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
  vi.resetModules();
  await import('./main');
  Object.defineProperty(document, 'currentScript', { value: null, configurable: true });
  const host = document.querySelector(HOST_TAG) as HTMLElement;
  const shadow = host.shadowRoot as ShadowRoot;
  const button = shadow.querySelector('button.btn') as HTMLButtonElement;
  return { host, shadow, button };
}

/** The accessible name of a plain button: its text content (the icon is aria-hidden SVG). */
function accessibleName(button: HTMLButtonElement): string {
  return (button.getAttribute('aria-label') ?? button.textContent ?? '').trim();
}

describe('widget.js', () => {
  beforeEach(() => {
    document.head.innerHTML = '<style id="host-style">button { color: rgb(255, 0, 0); } h1 { color: rgb(0, 128, 0); }</style>';
    document.body.innerHTML = '<h1>Host site</h1><button id="host-button">Host button</button>';
  });
  afterEach(() => {
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('adds a "Call us" button by default', async () => {
    const { button, host } = await loadWidget();
    expect(button).toBeTruthy();
    expect(accessibleName(button)).toBe('Call us');
    expect(host.dataset.entryPoint).toBe('1000');
  });

  it('speaks the visitor\'s language when the page allows it', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-CN']);
    const { button } = await loadWidget({ 'data-languages': 'en,zh' });
    expect(accessibleName(button)).toBe('给我们打电话');
  });

  it('honours data-label, data-color, data-position and data-entry-point', async () => {
    const { button, host, shadow } = await loadWidget({
      'data-label': 'Ring the help desk',
      'data-color': '#ffdd00',
      'data-position': 'top-left',
      'data-entry-point': 'support',
    });
    expect(accessibleName(button)).toBe('Ring the help desk');
    expect(host.dataset.entryPoint).toBe('support');
    const css = shadow.querySelector('style')?.textContent ?? '';
    expect(css).toContain('background:#ffdd00');
    expect(css).toContain('color:#000000'); // dark text on a light button
    expect(host.getAttribute('style')).toMatch(/position:fixed;top:20px;left:20px/);
  });

  it('falls back to the defaults for invalid attributes and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { button, host, shadow } = await loadWidget({
      'data-label': '',
      'data-color': 'red;}body{display:none',
      'data-position': 'center',
      'data-entry-point': '<script>',
      'data-languages': 'klingon',
    });
    expect(accessibleName(button)).toBe('Call us');
    expect(host.dataset.entryPoint).toBe('1000');
    const css = shadow.querySelector('style')?.textContent ?? '';
    expect(css).toContain('background:#0b5fff');
    expect(css).not.toContain('body{');
    expect(css).not.toContain('red;');
    expect(host.getAttribute('style')).toMatch(/position:fixed;bottom:20px;right:20px/);
    expect(warn).toHaveBeenCalledTimes(5);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('data-languages="klingon"'));
  });

  it('adds no global style: its CSS lives only in its shadow root', async () => {
    const before = document.querySelectorAll('style, link[rel="stylesheet"]').length;
    const { shadow } = await loadWidget();
    expect(document.querySelectorAll('style, link[rel="stylesheet"]').length).toBe(before);
    expect(document.styleSheets).toHaveLength(1);
    expect(shadow.querySelectorAll('style')).toHaveLength(1);
  });

  it("leaves the host page's styles alone and is not restyled by them", async () => {
    const hostButton = document.getElementById('host-button') as HTMLButtonElement;
    const heading = document.querySelector('h1') as HTMLHeadingElement;
    expect(getComputedStyle(hostButton).color).toBe('rgb(255, 0, 0)');
    const { button } = await loadWidget();
    expect(getComputedStyle(hostButton).color).toBe('rgb(255, 0, 0)');
    expect(getComputedStyle(heading).color).toBe('rgb(0, 128, 0)');
    // Document-level selectors such as the host's `button { color: red }` cannot reach into the
    // shadow tree: the widget's button is not among the document's buttons. (jsdom's cascade
    // ignores shadow scoping, so the rendered colour is checked in real Chromium in e2e/.)
    expect(button.getRootNode()).not.toBe(document);
    expect([...document.querySelectorAll('button')]).toEqual([hostButton]);
    expect(document.querySelector('#host-style')?.textContent).toContain('rgb(255, 0, 0)');
  });

  it('changes nothing of the host page outside its own element', async () => {
    const before = document.documentElement.outerHTML;
    const { host } = await loadWidget();
    // The only changes: the page's own <script> tag (the helper adds it) and the widget's element.
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    copy.querySelector(HOST_TAG)?.remove();
    copy.querySelector('script[src="/widget/widget.js"]')?.remove();
    expect(copy.outerHTML).toBe(before);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(host.parentElement).toBe(document.body);
    expect(host.getAttribute('style')).toMatch(/^all:initial;/);
  });

  it('opens its panel on click, loads the call part once, and shows its status in a live region', async () => {
    const started: CallContext[] = [];
    const module: CallModule = {
      startCall: (context) => {
        started.push(context);
        context.announce('Connecting…');
        return { hangUp: () => undefined };
      },
    };
    const loadCall = vi.fn(() => Promise.resolve(module));
    const { shadow, button, panel } = mountWidget(DEFAULT_CONFIG, { strings: STRINGS.en, origin: 'https://calls.example', loadCall });
    expect(loadCall).not.toHaveBeenCalled(); // nothing heavy loads before the click
    expect(panel.hidden).toBe(true);
    button.click();
    expect(panel.hidden).toBe(false);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(shadow.activeElement).toBe(panel);
    await vi.waitFor(() => expect(started).toHaveLength(1));
    const status = shadow.querySelector('[role="status"]') as HTMLElement;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Connecting…');
    expect(started[0]!.origin).toBe('https://calls.example');
    expect(started[0]!.container.getRootNode()).toBe(shadow);

    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(panel.hidden).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.click();
    await Promise.resolve();
    expect(loadCall).toHaveBeenCalledTimes(1); // reopening shows the same call
  });

  it('says so plainly when the call part cannot be loaded', async () => {
    const { shadow, button } = mountWidget(DEFAULT_CONFIG, { strings: STRINGS.en, origin: 'https://calls.example', loadCall: () => Promise.reject(new Error('offline')) });
    button.click();
    const status = shadow.querySelector('[role="status"]') as HTMLElement;
    await vi.waitFor(() => expect(status.textContent).toBe(STRINGS.en.loadFailed));
  });

  it('mounts only one widget when the script is included twice', async () => {
    await loadWidget();
    await loadWidget();
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });
});
