import { afterEach, describe, expect, it, vi } from 'vitest';
import { STRINGS } from '../i18n';
import { createCallPanel, type PanelActions } from './call-panel';

function setup() {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  const actions = { mute: vi.fn(), key: vi.fn(), hangUp: vi.fn(), callback: vi.fn(() => Promise.resolve(null as string | null)), callAgain: vi.fn() } satisfies PanelActions;
  const panel = createCallPanel(container, STRINGS.en, actions);
  const byName = (name: string) => [...shadow.querySelectorAll('button')].find((b) => b.textContent === name && !b.closest('[hidden]'));
  return { shadow, actions, panel, byName };
}

describe(createCallPanel.name, () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('names every control: Mute/Unmute, Keypad with keys 1–9, *, 0, #, and Hang up', () => {
    const { actions, panel, byName, shadow } = setup();
    panel.update({ inCall: true, offerCallback: false, callAgain: false });
    byName('Mute')!.click();
    expect(actions.mute).toHaveBeenLastCalledWith(true);
    expect(byName('Unmute')!.getAttribute('aria-pressed')).toBe('true');
    byName('Unmute')!.click();
    expect(actions.mute).toHaveBeenLastCalledWith(false);

    const keypad = byName('Keypad')!;
    expect(byName('5')).toBeUndefined(); // hidden until asked for
    keypad.click();
    expect(keypad.getAttribute('aria-expanded')).toBe('true');
    expect(shadow.activeElement?.textContent).toBe('1'); // focus moves into the keypad
    for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) byName(key)!.click();
    expect(actions.key.mock.calls.map(([k]) => k).join('')).toBe('123456789*0#');

    byName('Hang up')!.click();
    expect(actions.hangUp).toHaveBeenCalledOnce();
  });

  it('offers "Call me back" only while queued, and checks the number before sending it', async () => {
    const { actions, panel, byName, shadow } = setup();
    panel.update({ inCall: true, offerCallback: false, callAgain: false });
    expect(byName('Call me back')).toBeUndefined();
    panel.update({ inCall: true, offerCallback: true, callAgain: false });
    const input = shadow.querySelector('input[type="tel"]') as HTMLInputElement;
    expect((shadow.querySelector(`label[for="${input.id}"]`) as HTMLLabelElement).textContent).toBe('Your phone number');

    input.value = 'call me';
    byName('Call me back')!.click();
    expect(actions.callback).not.toHaveBeenCalled();
    expect(shadow.querySelector('[role="alert"]')!.textContent).toBe(STRINGS.en.callbackInvalid);
    expect(input.getAttribute('aria-invalid')).toBe('true');

    input.value = '+1 (415) 555-0100';
    byName('Call me back')!.click();
    await vi.waitFor(() => expect(actions.callback).toHaveBeenCalledWith('+14155550100'));
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('swaps the call controls for "Call again" when the call is over, keeping focus in the panel', () => {
    const { actions, panel, byName } = setup();
    panel.update({ inCall: true, offerCallback: false, callAgain: false });
    byName('Hang up')!.focus();
    panel.update({ inCall: false, offerCallback: false, callAgain: true });
    expect(byName('Hang up')).toBeUndefined();
    const again = byName('Call again')!;
    expect(again.getRootNode()).toBeInstanceOf(ShadowRoot);
    expect((again.getRootNode() as ShadowRoot).activeElement).toBe(again);
    again.click();
    expect(actions.callAgain).toHaveBeenCalledOnce();
  });
});
