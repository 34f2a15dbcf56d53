/**
 * Messages from supervisors (`agent:message`, to this agent or to all agents), shown at the
 * top of the desk until the agent dismisses them; announced to screen readers as they come.
 */
import { type AgentMessage, AgentMessageSchema } from '@ccx/contracts';
import { useLive } from '@ccx/web-session';
import { useEffect, useState } from 'react';

export function SupervisorMessages() {
  const socket = useLive((state) => state.socket);
  const [messages, setMessages] = useState<AgentMessage[]>([]);
  useEffect(() => {
    if (!socket) return undefined;
    const receive = (payload: unknown) => {
      const parsed = AgentMessageSchema.safeParse(payload);
      if (parsed.success) setMessages((list) => [...list.filter((m) => m.messageId !== parsed.data.messageId), parsed.data]);
    };
    socket.on('agent:message', receive);
    return () => {
      socket.off('agent:message', receive);
    };
  }, [socket]);

  return (
    <section aria-label="Messages from supervisors" aria-live="assertive" className="supervisor-messages">
      {messages.map((m) => (
        <div key={m.messageId} className="card supervisor-message">
          <p>
            <strong>
              Message from {m.from}
              {m.broadcast ? ' to all agents' : ''}
            </strong>{' '}
            <span>({new Date(m.sentAt).toLocaleTimeString()})</span>: {m.text}
          </p>
          <button type="button" onClick={() => setMessages((list) => list.filter((x) => x.messageId !== m.messageId))}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
