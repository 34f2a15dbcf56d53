/**
 * "Transfer": send the call to another agent, a queue or a phone number, blind (this agent
 * leaves at once) or after a consult (the customer holds while the agent talks to the
 * target first). The consult's own controls (Complete transfer, Cancel, Conference) are in
 * `ConsultControls`.
 */
import { type AgentCallView, type AgentTransferTarget, DialNumberSchema } from '@ccx/contracts';
import { useAuth } from '@ccx/web-session';
import { type FormEvent, useState } from 'react';
import { useDirectory } from '../api/directory';
import { useDesk } from '../desk-runtime';
import { STATE_LABELS } from '../domain/agent-status';
import { ModalDialog } from './modal-dialog';

type TargetKind = AgentTransferTarget['kind'];

export function TransferButton({ callId, disabled }: { callId: string | null; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={disabled || !callId} aria-haspopup="dialog">
        Transfer
      </button>
      {callId && (
        <ModalDialog title="Transfer the call" open={open} onClose={() => setOpen(false)}>
          <TransferForm callId={callId} onDone={() => setOpen(false)} />
        </ModalDialog>
      )}
    </>
  );
}

function TransferForm({ callId, onDone }: { callId: string; onDone(): void }) {
  const transfer = useDesk((state) => state.transfer);
  const myAgentId = useAuth((state) => state.session?.pair.user.agentId ?? null);
  const directory = useDirectory(true);
  const [kind, setKind] = useState<'blind' | 'consult'>('blind');
  const [targetKind, setTargetKind] = useState<TargetKind>('agent');
  const [agentId, setAgentId] = useState('');
  const [queueId, setQueueId] = useState('');
  const [number, setNumber] = useState('');
  const [problem, setProblem] = useState<{ field: TargetKind | null; message: string } | null>(null);
  const [sending, setSending] = useState(false);

  const agents = (directory.data?.agents ?? []).filter((a) => a.agentId !== myAgentId);
  const queues = directory.data?.queues ?? [];

  const target = (): AgentTransferTarget | string => {
    if (targetKind === 'agent') return agentId ? { kind: 'agent', agentId } : 'Choose the agent to transfer to.';
    if (targetKind === 'queue') return queueId ? { kind: 'queue', queueId } : 'Choose the queue to transfer to.';
    const parsed = DialNumberSchema.safeParse(number.replace(/[\s().-]/g, ''));
    return parsed.success ? { kind: 'number', number: parsed.data } : 'Type a phone number: 3 to 20 digits, an optional leading +.';
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = target();
    if (typeof chosen === 'string') return setProblem({ field: targetKind, message: chosen });
    setSending(true);
    const outcome = await transfer({ callId, kind, target: chosen });
    setSending(false);
    if (outcome.ok) return onDone();
    setProblem({ field: null, message: `The transfer did not start: ${outcome.error.message}` });
  };

  const fieldProblem = (field: TargetKind) =>
    problem?.field === field ? (
      <span id={`transfer-${field}-error`} className="field-error" role="alert">
        {problem.message}
      </span>
    ) : null;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset>
        <legend>How</legend>
        <label>
          <input type="radio" name="transfer-kind" value="blind" checked={kind === 'blind'} onChange={() => setKind('blind')} /> Blind: hand over now
        </label>
        <label>
          <input type="radio" name="transfer-kind" value="consult" checked={kind === 'consult'} onChange={() => setKind('consult')} /> Consult first: talk to them, the customer holds
        </label>
      </fieldset>
      <fieldset>
        <legend>To</legend>
        {(['agent', 'queue', 'number'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="transfer-target" value={k} checked={targetKind === k} onChange={() => { setTargetKind(k); setProblem(null); }} /> {k === 'agent' ? 'An agent' : k === 'queue' ? 'A queue' : 'A phone number'}
          </label>
        ))}
      </fieldset>
      {directory.isError && <p role="alert">Could not load agents and queues: {directory.error.message}. Close and open the dialog to try again, or transfer to a number.</p>}
      {targetKind === 'agent' && (
        <p>
          <label>
            Agent{' '}
            <select value={agentId} onChange={(e) => setAgentId(e.target.value)} aria-invalid={problem?.field === 'agent'} aria-describedby={problem?.field === 'agent' ? 'transfer-agent-error' : undefined}>
              <option value="">{directory.isPending ? 'Loading…' : 'Choose an agent'}</option>
              {agents.map((a) => (
                <option key={a.agentId} value={a.agentId}>
                  {a.displayName} ({a.extension}): {STATE_LABELS[a.state]}
                  {a.reachable || a.state === 'offline' ? '' : ', phone not reachable'}
                </option>
              ))}
            </select>
          </label>{' '}
          {fieldProblem('agent')}
        </p>
      )}
      {targetKind === 'queue' && (
        <p>
          <label>
            Queue{' '}
            <select value={queueId} onChange={(e) => setQueueId(e.target.value)} aria-invalid={problem?.field === 'queue'} aria-describedby={problem?.field === 'queue' ? 'transfer-queue-error' : undefined}>
              <option value="">{directory.isPending ? 'Loading…' : 'Choose a queue'}</option>
              {queues.map((q) => (
                <option key={q.queueId} value={q.queueId}>
                  {q.name}
                </option>
              ))}
            </select>
          </label>{' '}
          {fieldProblem('queue')}
        </p>
      )}
      {targetKind === 'number' && (
        <p>
          <label>
            Phone number{' '}
            <input type="tel" value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="off" aria-invalid={problem?.field === 'number'} aria-describedby={problem?.field === 'number' ? 'transfer-number-error' : undefined} />
          </label>{' '}
          {fieldProblem('number')}
        </p>
      )}
      {problem?.field === null && <p role="alert">{problem.message}</p>}
      <div className="desk-row">
        <button type="submit" disabled={sending}>
          {kind === 'blind' ? 'Transfer now' : 'Start consult'}
        </button>
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    </form>
  );
}

/** While consulting: hand the customer over, go back to them, or bring all three together. */
export function ConsultControls({ call }: { call: AgentCallView | null }) {
  const consult = useDesk((state) => state.consult);
  const [problem, setProblem] = useState<string | null>(null);
  const consulting = call?.phase === 'consulting' && call.consult !== null;
  const act = async (action: 'complete' | 'cancel' | 'conference') => {
    if (!call) return;
    const outcome = await consult({ callId: call.callId, action });
    setProblem(outcome.ok ? null : `${outcome.error.message} Try again, or hang up the consult from the call panel.`);
  };
  const target = call?.consult?.target;
  const targetName = target ? (target.kind === 'number' ? target.number : target.name) : null;
  return (
    <>
      {consulting && (
        <p role="status" aria-label="Consult">
          Consulting {targetName} ({call.consult?.state === 'ringing' ? 'ringing' : 'talking'}); the customer is on hold.
        </p>
      )}
      {call && call.conference.length > 0 && (
        <p role="status" aria-label="Conference">
          In conference with {call.conference.map((p) => (p.kind === 'number' ? p.number : p.name)).join(', ')}
        </p>
      )}
      <div className="desk-row" role="group" aria-label="Consult controls">
        {consulting && (
          <>
            <button type="button" onClick={() => void act('complete')}>
              Complete transfer
            </button>
            <button type="button" onClick={() => void act('cancel')}>
              Cancel
            </button>
          </>
        )}
        <button type="button" onClick={() => void act('conference')} disabled={!consulting} title={consulting ? undefined : 'Start a consult first (Transfer, then "Consult first")'}>
          Conference
        </button>
      </div>
      {problem && <p role="alert">{problem}</p>}
    </>
  );
}
