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
.close,.ctl,.key{all:unset;box-sizing:border-box;padding:6px 12px;border-radius:6px;border:1px solid #555;cursor:pointer;font:inherit;text-align:center}
.close:focus-visible,.ctl:focus-visible,.key:focus-visible,.callback input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.ctl[aria-pressed=true]{background:#eee}
.end{background:#b91c1c;border-color:#b91c1c;color:#fff}
[hidden]{display:none!important}
.controls{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:12px}
.keypad{display:grid;grid-template-columns:repeat(3,1fr);gap:6px;margin-bottom:12px}
.key{font-size:18px;padding:8px 0}
.callback{display:grid;gap:6px;margin-bottom:12px}
.callback input{font:inherit;padding:6px 8px;border:1px solid #555;border-radius:6px}
.callback .error{color:#b91c1c;margin:0}
.callback .error:empty{display:none}
.status{min-height:1.4em}
`;
}
