/** A message to one agent or to all agents: it appears on their desks at once. */
import { AGENT_MESSAGE_MAX_LENGTH, type WallboardSnapshot } from '@ccx/contracts';
import { useState } from 'react';
import { useSendAgentMessage } from '../api/agent-control';

export function MessageForm({ agents }: { agents: WallboardSnapshot['agents'] }) {
  const send = useSendAgentMessage();
  const [to, setTo] = useState('all');
  const [text, setText] = useState('');
  const recipient = to === 'all' ? 'all agents' : (agents.find((a) => a.agentId === to)?.displayName ?? 'the agent');
  return (
    <section className="card" aria-labelledby="message-title">
      <h2 id="message-title">Message agents</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate({ agentId: to === 'all' ? null : to, text }, { onSuccess: () => setText('') });
        }}
      >
        <label>
          To{' '}
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="all">All agents</option>
            {agents.map((a) => (
              <option key={a.agentId} value={a.agentId}>
                {a.displayName}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Message <input type="text" value={text} maxLength={AGENT_MESSAGE_MAX_LENGTH} required onChange={(e) => setText(e.target.value)} size={50} />
        </label>{' '}
        <button type="submit" disabled={send.isPending || text.trim() === ''}>
          Send
        </button>
        <p role="status">{send.isSuccess ? `Sent to ${send.data.broadcast ? 'all agents' : recipient} at ${new Date(send.data.sentAt).toLocaleTimeString()}.` : ''}</p>
        {send.isError && <p role="alert">Not sent: {send.error.message}</p>}
      </form>
    </section>
  );
}
