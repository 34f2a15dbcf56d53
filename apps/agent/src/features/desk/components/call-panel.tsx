/** The call in hand: its state, quality and the in-call controls (hang up, hold, mute, keypad). */
import type { CallPhase } from '@ccx/softphone';
import { useState } from 'react';
import { useDesk, usePhoneState } from '../desk-runtime';
import { shortcutFor } from './keyboard-shortcuts';
import { ScreenPop } from './screen-pop';
import { ConsultControls, TransferButton } from './transfer-dialog';
import type { CallActions } from '../use-call-actions';

const PHASE_LABELS: Record<CallPhase, string> = {
  incoming: 'Ringing',
  outgoing: 'Calling…',
  connecting: 'Connecting…',
  active: 'On call',
  holding: 'Putting on hold…',
  held: 'On hold',
  resuming: 'Resuming…',
  ended: 'Ended',
};

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function CallPanel({ actions }: { actions: CallActions }) {
  const { current } = actions;
  const { quality } = usePhoneState();
  const screenPop = useDesk((state) => state.screenPop);
  const call = useDesk((state) => state.call);
  const [keypadOpen, setKeypadOpen] = useState(false);
  // Digits sent in this call, shown so the agent sees what the far end received.
  const [sent, setSent] = useState<{ callId: string; digits: string } | null>(null);
  if (!current) return null;
  const sentDigits = sent?.callId === current.id ? sent.digits : '';
  const press = (key: string) => {
    if (actions.sendDigit(key)) setSent({ callId: current.id, digits: `${sentDigits}${key}` });
  };
  const figures = quality[current.id];
  const held = current.phase === 'held' || current.phase === 'resuming';
  const connected = current.phase === 'active' || current.phase === 'held';

  return (
    <section className="card" aria-labelledby="desk-call-title">
      <h2 id="desk-call-title">Call with {screenPop?.customer?.displayName ?? current.remoteName ?? current.remoteNumber}</h2>
      <p>
        <span role="status" aria-label="Call state">
          {PHASE_LABELS[current.phase]}
        </span>
        {current.muted && ' · muted'}
        {figures && (
          <>
            {' · '}
            <span className={`badge badge--${figures.grade}`} aria-label={`Call quality ${figures.grade}`} title={`Loss ${figures.packetLossPercent.toFixed(1)} %, jitter ${figures.jitterMs?.toFixed(0) ?? '?'} ms, round trip ${figures.roundTripMs?.toFixed(0) ?? '?'} ms`}>
              Quality: {figures.grade}
            </span>
          </>
        )}
      </p>
      <div className="desk-row">
        <button type="button" onClick={actions.hangUp} aria-keyshortcuts={shortcutFor('Hang up')}>
          Hang up
        </button>
        <button type="button" onClick={actions.toggleHold} disabled={!connected} aria-keyshortcuts={shortcutFor('Hold / Resume')}>
          {held ? 'Resume' : 'Hold'}
        </button>
        <button type="button" onClick={actions.toggleMute} disabled={!connected} aria-keyshortcuts={shortcutFor('Mute / Unmute')}>
          {current.muted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" onClick={() => setKeypadOpen((open) => !open)} aria-expanded={keypadOpen} aria-controls="desk-keypad" disabled={!connected}>
          Keypad
        </button>
        <TransferButton callId={call?.callId ?? screenPop?.callId ?? null} disabled={!connected || call?.phase === 'consulting'} />
      </div>
      <ConsultControls call={call} />
      {call?.supervisors?.map((s) => (
        // A supervisor the agent hears: coaching, or on the call with everyone (a silent listen is never shown).
        <p key={`${s.name}-${s.mode}`} role="status" aria-label="Supervisor" className="supervisor-note">
          {s.mode === 'whisper' ? `${s.name} (supervisor) is coaching you: the customer cannot hear them.` : `${s.name} (supervisor) has joined the call: the customer hears them too.`}
        </p>
      ))}
      {keypadOpen && connected && (
        <div id="desk-keypad" role="group" aria-label="Keypad digits" className="keypad">
          {KEYS.map((key) => (
            <button key={key} type="button" aria-label={`Digit ${key}`} onClick={() => press(key)}>
              {key}
            </button>
          ))}
          <p>
            Sent: <output aria-label="Digits sent">{sentDigits}</output>
          </p>
        </div>
      )}
      {screenPop && <ScreenPop offer={screenPop} />}
    </section>
  );
}
