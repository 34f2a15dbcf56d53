/**
 * The supervisor's intervention in progress, on every section: what is happening in words,
 * the mode (switch at any time during the same intervention) and End. An ended one stays
 * with its reason until closed.
 */
import type { InterventionMode } from '@ccx/contracts';
import { ApiRequestError } from '@ccx/web-session';
import { useChangeIntervention, useEndIntervention } from '../api/interventions';
import { describeIntervention, MODE_LABELS } from '../domain/intervention-state';
import { useMonitoringStore } from '../monitoring.store';

const MODES: InterventionMode[] = ['listen', 'whisper', 'barge'];

export function InterventionBar() {
  const intervention = useMonitoringStore((s) => s.intervention);
  const dismiss = useMonitoringStore((s) => s.dismiss);
  const change = useChangeIntervention();
  const end = useEndIntervention();
  if (!intervention) return null;
  const live = intervention.state !== 'ended';
  const error = change.error ?? end.error;
  return (
    <section className="intervention-bar" aria-label="Your intervention" data-state={intervention.state} data-mode={intervention.mode}>
      <p aria-live="polite" data-testid="intervention-status">
        {describeIntervention(intervention)}
      </p>
      {live && (
        <>
          <span role="group" aria-label="Mode">
            {MODES.map((mode) => (
              <button
                key={mode}
                type="button"
                aria-pressed={intervention.mode === mode}
                disabled={change.isPending}
                onClick={() => intervention.mode !== mode && change.mutate({ interventionId: intervention.interventionId, mode })}
              >
                {MODE_LABELS[mode]}
              </button>
            ))}
          </span>
          <button type="button" className="danger" disabled={end.isPending} onClick={() => end.mutate({ interventionId: intervention.interventionId })}>
            End
          </button>
        </>
      )}
      {!live && (
        <button type="button" onClick={dismiss}>
          Close
        </button>
      )}
      {error && <span role="alert">{error instanceof ApiRequestError ? error.message : 'The request failed; try again.'}</span>}
    </section>
  );
}
