/**
 * Per-agent rows: state and time in state (counted here each second from the server's
 * `since`), the call they are on with its duration, today's figures, and the supervisor's
 * controls (force Available / Not ready with a reason, log out, edit skills).
 */
import type { AgentFigures, AgentStateName, WallboardSnapshot } from '@ccx/contracts';
import { type ReactNode, useState } from 'react';
import { useForceAgentState, useNotReadyReasons } from '../api/agent-control';
import { formatDuration, formatPercent, secondsSince } from '../domain/format';
import { useNow } from '../hooks/use-now';

export const STATE_LABELS: Record<AgentStateName, string> = {
  offline: 'Logged out',
  available: 'Available',
  'not-ready': 'Not ready',
  reserved: 'Ringing',
  'on-call': 'On a call',
  'after-call-work': 'Wrap-up',
};

type AgentRow = WallboardSnapshot['agents'][number];

/** Controls for an agent's live call, rendered in its row (the app passes stepping in). */
export type CallActions = (call: { callId: string; agentId: string; agentName: string }) => ReactNode;

export function AgentTable({ snapshot, onEditSkills, callActions }: { snapshot: WallboardSnapshot; onEditSkills: (agentId: string) => void; callActions?: CallActions }) {
  const now = useNow();
  const figures = new Map(snapshot.figures.agents.map((a) => [a.agentId, a]));
  const queueNames = new Map(snapshot.queues.map((q) => [q.queueId, q.name]));
  const totals = snapshot.figures.agentTotals;
  return (
    <table className="wallboard-table" aria-label="Agents">
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">State</th>
          <th scope="col">Time in state</th>
          <th scope="col">Current call</th>
          <th scope="col">Handled</th>
          <th scope="col">
            <abbr title="Average handle time of the agent's handled calls">AHT</abbr>
          </th>
          <th scope="col">Occupancy</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.agents.map((agent) => (
          <AgentLine key={agent.agentId} agent={agent} figures={figures.get(agent.agentId)} queueNames={queueNames} now={now} onEditSkills={onEditSkills} callActions={callActions} />
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All agents</th>
          <td colSpan={3} />
          <td>{totals.handled}</td>
          <td>{formatDuration(totals.ahtSeconds)}</td>
          <td>{formatPercent(totals.occupancy)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

function AgentLine({
  agent,
  figures,
  queueNames,
  now,
  onEditSkills,
  callActions,
}: {
  agent: AgentRow;
  figures: AgentFigures | undefined;
  queueNames: Map<string, string>;
  now: number;
  onEditSkills: (agentId: string) => void;
  callActions?: CallActions;
}) {
  const call = figures?.currentCall ?? null;
  return (
    <tr data-agent={agent.displayName}>
      <th scope="row">
        {agent.displayName} <span className="muted">ext. {agent.extension}</span>
      </th>
      <td className={`state state-${agent.state}`} data-testid="agent-state">
        {STATE_LABELS[agent.state]}
        {agent.reasonId && <span className="muted"> ({agent.reasonId})</span>}
        {agent.state !== 'offline' && !agent.reachable && <span className="muted"> (unreachable)</span>}
      </td>
      <td>
        <time dateTime={agent.since}>{formatDuration(secondsSince(agent.since, now))}</time>
      </td>
      <td>
        {call ? (
          <>
            {call.callerNumber}
            {call.queueId && <span className="muted"> ({queueNames.get(call.queueId) ?? 'queue'})</span>}{' '}
            <time dateTime={call.since}>{formatDuration(secondsSince(call.since, now))}</time>
            {callActions && <div className="call-actions">{callActions({ callId: call.callId, agentId: agent.agentId, agentName: agent.displayName })}</div>}
          </>
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td>{figures?.handled ?? 0}</td>
      <td>{formatDuration(figures?.ahtSeconds ?? null)}</td>
      <td>{formatPercent(figures?.occupancy ?? null)}</td>
      <td>
        <AgentActions agent={agent} onEditSkills={onEditSkills} />
      </td>
    </tr>
  );
}

function AgentActions({ agent, onEditSkills }: { agent: AgentRow; onEditSkills: (agentId: string) => void }) {
  const force = useForceAgentState();
  const reasons = useNotReadyReasons();
  const [reasonId, setReasonId] = useState('');
  const name = agent.displayName;
  const loggedIn = agent.state !== 'offline';
  const chosenReason = reasonId || reasons.data?.[0]?.code || '';
  return (
    <div className="agent-actions">
      <button type="button" disabled={!loggedIn || force.isPending} onClick={() => force.mutate({ agentId: agent.agentId, request: { state: 'available' } })}>
        Make {name} available
      </button>
      <span className="inline-field">
        <label>
          <span className="visually-hidden">Not-ready reason for {name}</span>
          <select value={chosenReason} onChange={(e) => setReasonId(e.target.value)} disabled={!loggedIn}>
            {(reasons.data ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!loggedIn || !chosenReason || force.isPending}
          onClick={() => force.mutate({ agentId: agent.agentId, request: { state: 'not-ready', reasonId: chosenReason } })}
        >
          Set {name} not ready
        </button>
      </span>
      <button type="button" disabled={!loggedIn || force.isPending} onClick={() => force.mutate({ agentId: agent.agentId, request: { state: 'offline' } })}>
        Log {name} out
      </button>
      <button type="button" onClick={() => onEditSkills(agent.agentId)}>
        Edit {name}’s skills
      </button>
      {force.isError && (
        <p role="alert" className="error">
          {name}: {force.error.message}
        </p>
      )}
    </div>
  );
}
