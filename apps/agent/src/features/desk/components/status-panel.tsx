/**
 * The agent's ACD state: the "Status" selector (Available, Not ready with a reason, Logged
 * out), the state the server reports with its timer, and "End wrap-up" during after-call work.
 */
import { useEffect, useState } from 'react';
import { useNotReadyReasons } from '../api/not-ready-reasons';
import { useDesk } from '../desk-runtime';
import { canChooseStatus, STATE_LABELS, stateTimer, statusChoice } from '../domain/agent-status';

const UNREACHABLE_HINTS = {
  'no-tab': 'this tab is not connected',
  'heartbeat-missed': 'this tab stopped sending heartbeats',
  'no-registration': 'your softphone is not registered',
  'registration-expired': 'your softphone registration expired',
} as const;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function StatusPanel() {
  const view = useDesk((state) => state.agentState);
  const problem = useDesk((state) => state.problem);
  const requestState = useDesk((state) => state.requestState);
  const reasons = useNotReadyReasons();
  const [reasonId, setReasonId] = useState<string | null>(null);
  const now = useNow(1000);

  const stateName = view?.state ?? null;
  const choice = statusChoice(stateName);
  const reasonList = reasons.data ?? [];
  const chosenReason = view?.state === 'not-ready' ? view.reasonId : (reasonId ?? reasonList[0]?.code ?? null);
  const reasonLabel = reasonList.find((r) => r.code === view?.reasonId)?.label ?? view?.reasonId;
  const timer = view ? stateTimer(view, now) : null;

  const choose = (value: string) => {
    if (value === 'available') void requestState({ state: 'available' });
    else if (value === 'offline') void requestState({ state: 'offline' });
    else if (value === 'not-ready' && chosenReason) void requestState({ state: 'not-ready', reasonId: chosenReason });
  };

  const chooseReason = (code: string) => {
    setReasonId(code);
    if (view?.state === 'not-ready') void requestState({ state: 'not-ready', reasonId: code });
  };

  return (
    <section className="card" aria-labelledby="desk-status-title">
      <h2 id="desk-status-title">Your state</h2>
      <p>
        <span role="status" aria-label="Agent state">
          {stateName ? STATE_LABELS[stateName] : 'Connecting…'}
          {view?.state === 'not-ready' && reasonLabel ? ` (${reasonLabel})` : ''}
        </span>
        {timer && (
          <>
            {' · '}
            {timer.label} <span role="timer" aria-label={timer.label}>{timer.value}</span>
          </>
        )}
      </p>
      <div className="desk-row">
        <label>
          Status{' '}
          <select aria-label="Status" value={choice} disabled={!view || !canChooseStatus(stateName)} onChange={(e) => choose(e.target.value)}>
            <option value="available">Available</option>
            <option value="not-ready" disabled={!chosenReason}>
              Not ready
            </option>
            <option value="offline">Logged out</option>
            {choice === 'busy' && (
              <option value="busy" disabled>
                {stateName ? STATE_LABELS[stateName] : ''}
              </option>
            )}
          </select>
        </label>{' '}
        <label>
          Not-ready reason{' '}
          <select aria-label="Not-ready reason" value={chosenReason ?? ''} disabled={reasonList.length === 0} onChange={(e) => chooseReason(e.target.value)}>
            {reasonList.map((reason) => (
              <option key={reason.code} value={reason.code}>
                {reason.label}
              </option>
            ))}
          </select>
        </label>
        {view?.state === 'after-call-work' && (
          <button type="button" onClick={() => void requestState({ state: 'available' })}>
            End wrap-up
          </button>
        )}
      </div>
      {view && !view.reachable && view.state !== 'offline' && view.unreachable && (
        <p role="note">Calls cannot reach you yet: {UNREACHABLE_HINTS[view.unreachable]}.</p>
      )}
      {reasons.isError && <p role="alert">Could not load the not-ready reasons: {reasons.error.message}</p>}
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
