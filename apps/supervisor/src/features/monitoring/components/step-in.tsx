/**
 * Listen, Whisper and Barge for one live call (a wallboard agent row): one click rings the
 * supervisor's own phone, which joins the call in that mode.
 */
import type { InterventionMode } from '@ccx/contracts';
import { ApiRequestError } from '@ccx/web-session';
import { useStartIntervention } from '../api/interventions';
import { MODE_LABELS } from '../domain/intervention-state';
import { useMonitoringStore } from '../monitoring.store';
import { useSupervisorPhoneState } from '../monitoring-runtime';

const MODES: InterventionMode[] = ['listen', 'whisper', 'barge'];

export function StepIn({ callId, agentName }: { callId: string; agentName: string }) {
  const phone = useSupervisorPhoneState();
  const current = useMonitoringStore((s) => s.intervention);
  const start = useStartIntervention();
  const busy = current !== null && current.state !== 'ended';
  if (busy && current.callId === callId) return <span className="muted">You are in this call</span>;
  const ready = phone.registration === 'registered';
  const why = !ready ? 'Your phone is not connected yet' : busy ? 'End your intervention in the other call first' : undefined;
  return (
    <span className="step-in" role="group" aria-label={`Step into ${agentName}’s call`}>
      {MODES.map((mode) => (
        <button
          key={mode}
          type="button"
          disabled={!ready || busy || start.isPending}
          title={why}
          aria-label={`${MODE_LABELS[mode]}: ${agentName}’s call`}
          onClick={() => start.mutate({ callId, mode })}
        >
          {MODE_LABELS[mode]}
        </button>
      ))}
      {start.error && <span role="alert">{start.error instanceof ApiRequestError ? start.error.message : 'The request failed; try again.'}</span>}
    </span>
  );
}
