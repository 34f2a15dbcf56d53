/** Reads the config from the widget's own <script> tag and mounts the button, once per page. */
import { HOST_TAG, mountWidget } from './call-button';
import { parseWidgetConfig } from './config';

export function startWidget(script: HTMLScriptElement | null, doc: Document = document): void {
  if (doc.querySelector(HOST_TAG)) return;
  const { config, problems } = parseWidgetConfig({ ...(script?.dataset ?? {}) });
  for (const problem of problems) {
    console.warn(`[call widget] ignoring ${problem.attribute}="${problem.value}"; using the default.`);
  }
  mountWidget(config, doc);
}
