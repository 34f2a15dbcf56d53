/**
 * Entry of widget.js: finds its own <script> tag and mounts the button once the page's body
 * exists. Exports nothing, so the IIFE defines no global on the host page.
 */
import { startWidget } from './start';

// currentScript is only set while the script first runs, so read it now and mount later.
const current = document.currentScript;
const script =
  current instanceof HTMLScriptElement ? current : document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
if (document.body) startWidget(script);
else document.addEventListener('DOMContentLoaded', () => startWidget(script), { once: true });
