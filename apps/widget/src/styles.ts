/**
 * The widget's CSS, scoped to its shadow root. The host element's inline `all: initial`
 * (call-button.ts, which also places it in its corner) stops the page's inherited styles
 * from leaking in, and beats `:host` rules too, so every part sets its own font here.
 * Nothing here can leak out.
 */
import { textColorFor, type WidgetConfig } from './config';

export function widgetCss(config: WidgetConfig): string {
  const [vertical, horizontal] = config.position.split('-') as [string, string];
  return `
*{box-sizing:border-box}
.btn{all:unset;display:inline-flex;align-items:center;gap:8px;padding:12px 18px;border-radius:999px;background:${config.color};color:${textColorFor(config.color)};font:600 15px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.btn:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}
.btn svg{width:18px;height:18px;fill:currentColor}
.panel{font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;position:absolute;${vertical}:56px;${horizontal}:0;width:280px;padding:16px;border-radius:12px;background:#fff;color:#111;box-shadow:0 8px 30px rgba(0,0,0,.25)}
.panel[hidden]{display:none}
.panel h2{all:unset;display:block;font-weight:700;font-size:16px;margin-bottom:8px}
.panel p{margin:0 0 12px}
.close{all:unset;padding:6px 12px;border-radius:6px;border:1px solid #555;cursor:pointer}
.close:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
`;
}
