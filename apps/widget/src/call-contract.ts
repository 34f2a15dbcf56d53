/**
 * What the loader (widget.js) and the call part it loads on click (widget-call.js) agree on.
 * Types only: nothing here ends up in either bundle.
 */
import type { WidgetConfig } from './config';
import type { WidgetStrings } from './i18n';

export interface CallContext {
  config: WidgetConfig;
  strings: WidgetStrings;
  /** Where widget.js came from: the server's API, its /sip WebSocket and its /widget channel. */
  origin: string;
  /** Where the call UI draws, inside the widget's panel (in its shadow root). */
  container: HTMLElement;
  /** Sets the panel's status line (an aria-live region). */
  announce(text: string): void;
}

export interface CallHandle {
  /** Ends the call (if any) and releases the microphone. */
  hangUp(): void;
}

export interface CallModule {
  startCall(context: CallContext): CallHandle;
}
