/**
 * Draws the "Call us" button and its panel inside a shadow root on a host element of its own,
 * so the host page's CSS cannot restyle the widget and the widget adds no global style. The
 * first click opens the panel and loads the call part (widget-call.js, beside widget.js), which
 * checks the microphone and places the call; the panel's status line is an aria-live region.
 */
import type { CallHandle, CallModule } from './call-contract';
import type { WidgetConfig } from './config';
import type { WidgetStrings } from './i18n';
import { widgetCss } from './styles';

export const HOST_TAG = 'ccx-call-widget';

export interface MountOptions {
  strings: WidgetStrings;
  /** The widget's server (where widget.js came from). */
  origin: string;
  /** Loads the call part; the loader imports widget-call.js from beside its own script. */
  loadCall(): Promise<CallModule>;
}

export interface MountedWidget {
  host: HTMLElement;
  shadow: ShadowRoot;
  button: HTMLButtonElement;
  panel: HTMLElement;
  destroy(): void;
}

const PHONE_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"/></svg>';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text?: string) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function mountWidget(config: WidgetConfig, options: MountOptions, doc: Document = document): MountedWidget {
  const { strings } = options;
  const host = el(doc, HOST_TAG as 'div', { 'data-entry-point': config.entryPoint });
  // Inline style beats any host rule without !important, should the page style unknown tags.
  // It must carry the corner too: its `all:initial` also resets what `:host` would set.
  const [vertical, horizontal] = config.position.split('-') as [string, string];
  host.setAttribute('style', `all:initial;position:fixed;${vertical}:20px;${horizontal}:20px;z-index:2147483000;display:block`);
  const shadow = host.attachShadow({ mode: 'open' });

  const style = el(doc, 'style');
  style.textContent = widgetCss(config);

  const panelId = 'ccx-panel';
  const titleId = 'ccx-panel-title';
  const button = el(doc, 'button', { type: 'button', class: 'btn', 'aria-expanded': 'false', 'aria-controls': panelId });
  button.innerHTML = PHONE_ICON;
  button.append(doc.createTextNode(config.label ?? strings.callUs));

  const panel = el(doc, 'div', { id: panelId, class: 'panel', role: 'dialog', 'aria-labelledby': titleId, tabindex: '-1' });
  panel.hidden = true;
  const status = el(doc, 'p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const callArea = el(doc, 'div');
  const close = el(doc, 'button', { type: 'button', class: 'close' }, strings.close);
  panel.append(el(doc, 'h2', { id: titleId }, strings.panelTitle), status, callArea, close);

  let call: CallHandle | null = null;
  let loading = false;

  function setOpen(open: boolean): void {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) panel.focus();
    else button.focus();
  }

  async function startCall(): Promise<void> {
    if (call || loading) return;
    loading = true;
    status.textContent = strings.loading;
    try {
      const module = await options.loadCall();
      call = module.startCall({ config, strings, origin: options.origin, container: callArea, announce: (text) => (status.textContent = text) });
    } catch {
      status.textContent = strings.loadFailed;
    } finally {
      loading = false;
    }
  }

  button.addEventListener('click', () => {
    const opening = panel.hidden;
    setOpen(opening);
    if (opening) void startCall();
  });
  close.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });

  shadow.append(style, button, panel);
  doc.body.append(host);
  return {
    host,
    shadow,
    button,
    panel,
    destroy: () => {
      call?.hangUp();
      host.remove();
    },
  };
}
