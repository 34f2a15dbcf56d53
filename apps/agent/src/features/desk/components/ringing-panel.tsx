/** The ringing call: its screen pop and Answer / Reject. */
import { usePhoneOwnership } from '../desk-runtime';
import { shortcutFor } from './keyboard-shortcuts';
import { ScreenPop } from './screen-pop';
import type { CallActions } from '../use-call-actions';

export function RingingPanel({ actions }: { actions: CallActions }) {
  const { ringing } = actions;
  const ownership = usePhoneOwnership();
  if (!ringing) return null;
  const phoneElsewhere = ownership.state === 'elsewhere' || ownership.state === 'taking-over';
  const number = ringing.offer?.caller.number ?? ringing.call?.remoteNumber ?? '';
  return (
    <section className="card card--ringing" aria-labelledby="desk-ringing-title">
      <h2 id="desk-ringing-title">Incoming call{ringing.offer ? ` · ${ringing.offer.queueName}` : ''}</h2>
      {ringing.offer ? <ScreenPop offer={ringing.offer} /> : <p data-testid="screen-pop-number">{number}</p>}
      <div className="desk-row">
        <button type="button" onClick={actions.answer} disabled={!ringing.call} aria-keyshortcuts={shortcutFor('Answer')}>
          Answer
        </button>
        <button type="button" onClick={actions.reject} disabled={!ringing.call} aria-keyshortcuts={shortcutFor('Reject')}>
          Reject
        </button>
      </div>
      {!ringing.call && (phoneElsewhere ? <p>Answer in the tab that has the phone, or choose "Use phone here" below for the next call.</p> : <p>Waiting for the call to reach your softphone…</p>)}
    </section>
  );
}
