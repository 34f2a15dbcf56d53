/**
 * widget-call.js: the part of the widget loaded only when the visitor clicks "Call us"
 * (SIP.js, the softphone, the status channel, the call controls). It checks the microphone,
 * takes a call token for the page's entry point, places the call with the shared softphone
 * (no registration, no STUN: the gateway is reached directly at the widget's own server),
 * and keeps the status line and the controls in step with the call.
 */
import type { VisitorCredential, WidgetCallStatus, WidgetCallToken } from '@ccx/contracts';
import { Softphone } from '@ccx/softphone';
import type { CallContext, CallHandle } from '../call-contract';
import { createCallPanel } from './call-panel';
import { type CallView, controlsFor, statusText } from './call-status';
import { checkMicrophone, micProblemMessage } from './mic-check';
import { openStatusChannel, type StatusChannel } from './status-channel';
import { callTokenRequest } from '../config';

/** After the line drops, the channel waits this long for the server's last word (a booked callback). */
const CHANNEL_GRACE_MS = 5_000;

export function startCall(context: CallContext): CallHandle {
  const { strings, origin, container } = context;
  const doc = container.ownerDocument;
  let ended = false;
  let softphone: Softphone | null = null;
  let channel: StatusChannel | null = null;
  let credential: VisitorCredential | null = null;
  let callId: string | null = null;
  const view: CallView = { line: 'connecting', server: null };

  const audio = doc.createElement('audio');
  audio.autoplay = true;
  audio.hidden = true;
  audio.dataset.widget = 'remote-audio';
  container.append(audio);

  const panel = createCallPanel(container, strings, {
    mute: (muted) => callId && softphone?.setMuted(callId, muted),
    key: (tone) => callId && softphone?.sendDtmf(callId, tone),
    hangUp: () => finish(),
    callback: requestCallback,
    callAgain: () => {
      release();
      panel.remove();
      audio.remove();
      startCall(context);
    },
  });
  panel.update({ inCall: false, offerCallback: false, callAgain: false });

  function render(): void {
    context.announce(statusText(view, strings));
    panel.update(controlsFor(view));
  }

  function release(): void {
    ended = true;
    const phone = softphone;
    softphone = null;
    void phone?.stop();
    channel?.close();
    channel = null;
  }

  function finish(line: CallView['line'] = 'ended'): void {
    if (ended) return;
    view.line = line;
    ended = true;
    if (callId) softphone?.hangUp(callId);
    const phone = softphone;
    softphone = null;
    void phone?.stop();
    render();
    const open = channel;
    setTimeout(() => {
      open?.close();
      if (channel === open) channel = null;
    }, CHANNEL_GRACE_MS);
  }

  function onServerStatus(status: WidgetCallStatus): void {
    view.server = status;
    render();
  }

  async function requestCallback(number: string): Promise<string | null> {
    if (!credential) return strings.callbackRefused;
    try {
      const response = await fetch(`${origin}/api/widget/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...credential, number }),
      });
      if (response.status === 201) return null;
      return response.status === 400 ? strings.callbackInvalid : strings.callbackRefused;
    } catch {
      return strings.callbackRefused;
    }
  }

  async function run(): Promise<void> {
    context.announce(strings.checkingMicrophone);
    const mic = await checkMicrophone({ mediaDevices: navigator.mediaDevices, permissions: navigator.permissions });
    if (ended) return;
    if (!mic.ok) {
      ended = true;
      context.announce(micProblemMessage(mic.problem, strings));
      panel.update({ inCall: false, offerCallback: false, callAgain: true });
      return;
    }
    render();
    const response = await fetch(`${origin}/api/widget/call-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(callTokenRequest(context.config)),
    });
    if (response.status !== 201) throw new Error(`call token refused (${response.status})`);
    const token = (await response.json()) as WidgetCallToken;
    if (ended) return;
    credential = { authorizationUsername: token.authorizationUsername, password: token.password };
    channel = openStatusChannel(origin, credential, onServerStatus);
    const phone = new Softphone({
      fetchCredentials: () => Promise.resolve(token),
      webSocketUrl: (path) => `${origin.replace(/^http/, 'ws')}${path}`,
      audioElement: audio,
      register: false,
    });
    softphone = phone;
    await phone.start();
    if (softphone !== phone) return;
    const id = phone.call(token.dial);
    callId = id;
    phone.subscribe(() => {
      const state = phone.getSnapshot();
      const live = state.calls.find((c) => c.id === id);
      if (live) {
        if (live.phase === 'active' || live.phase === 'held') {
          if (view.line !== 'connected') {
            view.line = 'connected';
            render();
          }
        }
      } else if (state.lastEnded?.id === id && !ended) {
        finish(state.lastEnded.endReason === 'failed' && view.line === 'connecting' ? 'failed' : 'ended');
      }
    });
  }

  run().catch(() => {
    if (!ended) finish('failed');
  });
  return { hangUp: () => finish() };
}
