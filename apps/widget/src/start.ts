/** Reads the config from the widget's own <script> tag and mounts the button, once per page. */
import type { CallModule } from './call-contract';
import { HOST_TAG, mountWidget } from './call-button';
import { parseWidgetConfig } from './config';
import { pickLanguage, STRINGS } from './i18n';

/** The call part is built beside the loader as widget-call.js (an ES module). */
export const CALL_MODULE_FILE = 'widget-call.js';

export function startWidget(script: HTMLScriptElement | null, doc: Document = document): void {
  if (doc.querySelector(HOST_TAG)) return;
  const { config, problems } = parseWidgetConfig({ ...(script?.dataset ?? {}) });
  for (const problem of problems) {
    console.warn(`[call widget] ignoring ${problem.attribute}="${problem.value}"; using the default.`);
  }
  // Everything the widget talks to lives beside widget.js, whatever page embeds it.
  const base = new URL(script?.src || '/widget/widget.js', doc.baseURI);
  const callUrl = new URL(CALL_MODULE_FILE, base).href;
  const language = pickLanguage(config.languages, doc.defaultView?.navigator.languages ?? []);
  mountWidget(config, {
    strings: STRINGS[language],
    origin: base.origin,
    loadCall: () => import(/* @vite-ignore */ callUrl) as Promise<CallModule>,
  }, doc);
}
