/**
 * The call's controls inside the widget's panel: Mute/Unmute, Keypad (the twelve keys, sent
 * as RFC 4733 DTMF), Hang up, and "Call me back" while waiting in a queue. Built once and
 * updated in place, so a keyboard user's focus stays where it was. Plain DOM.
 */
import type { WidgetStrings } from '../i18n';
import { CALLBACK_NUMBER, type Controls } from './call-status';

export interface PanelActions {
  mute(muted: boolean): void;
  key(tone: string): void;
  hangUp(): void;
  /** Resolves with an error message to show, or null when the callback was booked. */
  callback(number: string): Promise<string | null>;
  callAgain(): void;
}

export interface CallPanel {
  update(controls: Controls): void;
  remove(): void;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

function button(doc: Document, text: string, className: string, onClick: () => void): HTMLButtonElement {
  const node = doc.createElement('button');
  node.type = 'button';
  node.className = className;
  node.textContent = text;
  node.addEventListener('click', onClick);
  return node;
}

export function createCallPanel(container: HTMLElement, strings: WidgetStrings, actions: PanelActions): CallPanel {
  const doc = container.ownerDocument;
  const root = doc.createElement('div');
  root.className = 'call';

  let muted = false;
  const controls = doc.createElement('div');
  controls.className = 'controls';
  const mute = button(doc, strings.mute, 'ctl', () => {
    muted = !muted;
    mute.textContent = muted ? strings.unmute : strings.mute;
    mute.setAttribute('aria-pressed', String(muted));
    actions.mute(muted);
  });
  mute.setAttribute('aria-pressed', 'false');
  const keypadId = 'ccx-keypad';
  const keypadToggle = button(doc, strings.keypad, 'ctl', () => {
    keypad.hidden = !keypad.hidden;
    keypadToggle.setAttribute('aria-expanded', String(!keypad.hidden));
    if (!keypad.hidden) keypad.querySelector('button')?.focus();
  });
  keypadToggle.setAttribute('aria-expanded', 'false');
  keypadToggle.setAttribute('aria-controls', keypadId);
  const hangUp = button(doc, strings.hangUp, 'ctl end', () => actions.hangUp());
  controls.append(mute, keypadToggle, hangUp);

  const keypad = doc.createElement('div');
  keypad.id = keypadId;
  keypad.className = 'keypad';
  keypad.setAttribute('role', 'group');
  keypad.setAttribute('aria-label', strings.keypad);
  keypad.hidden = true;
  for (const key of KEYS) keypad.append(button(doc, key, 'key', () => actions.key(key)));

  const form = doc.createElement('form');
  form.className = 'callback';
  form.hidden = true;
  form.noValidate = true;
  const inputId = 'ccx-callback-number';
  const label = doc.createElement('label');
  label.htmlFor = inputId;
  label.textContent = strings.callbackNumber;
  const input = doc.createElement('input');
  input.id = inputId;
  input.type = 'tel';
  input.autocomplete = 'tel';
  input.maxLength = 21;
  const error = doc.createElement('p');
  error.className = 'error';
  error.id = 'ccx-callback-error';
  error.setAttribute('role', 'alert');
  const submit = doc.createElement('button');
  submit.type = 'submit';
  submit.className = 'ctl';
  submit.textContent = strings.callMeBack;
  form.append(label, input, submit, error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const number = input.value.replace(/[\s().-]/g, '');
    if (!CALLBACK_NUMBER.test(number)) {
      error.textContent = strings.callbackInvalid;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    error.textContent = '';
    submit.disabled = true;
    void actions.callback(number).then((problem) => {
      submit.disabled = false;
      if (problem) error.textContent = problem;
    });
  });

  const again = button(doc, strings.callAgain, 'ctl', () => actions.callAgain());
  again.hidden = true;

  root.append(controls, keypad, form, again);
  container.append(root);

  return {
    update(state: Controls) {
      const active = (root.getRootNode() as Document | ShadowRoot).activeElement;
      const focusWasInside = active !== null && root.contains(active);
      controls.hidden = !state.inCall;
      if (!state.inCall) keypad.hidden = true;
      form.hidden = !state.offerCallback;
      again.hidden = !state.callAgain;
      if (state.callAgain && focusWasInside) again.focus();
    },
    remove: () => root.remove(),
  };
}
