/**
 * The live wallboard: queue figures with the queues' thresholds, agents with the
 * supervisor's controls, today's 15-minute chart, messages to agents, who is online. Fed
 * only by the server's pushes (`wallboard.store.ts`). "Wall mode" shows the board alone,
 * full screen, in big type.
 */
import { LiveChannelDetails, useLive } from '@ccx/web-session';
import { useEffect, useRef, useState } from 'react';
import { WhoIsOnline } from '../../presence/components/who-is-online';
import { useWallboardStore } from '../wallboard.store';
import { AgentTable, type CallActions } from './agent-table';
import { FigureHelp } from './figure-help';
import { IntradayChart } from './intraday-chart';
import { MessageForm } from './message-form';
import { QueueTable } from './queue-table';
import { SkillsEditor } from './skills-editor';
import './wallboard.css';

function useWallMode(target: React.RefObject<HTMLElement | null>) {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const sync = () => setOn(document.fullscreenElement !== null && document.fullscreenElement === target.current);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, [target]);
  const toggle = async () => {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await target.current?.requestFullscreen();
  };
  return { on, toggle };
}

/** `callActions`: what the app offers on an agent's live call (stepping into it), composed by the app shell. */
export function WallboardPage({ callActions }: { callActions?: CallActions }) {
  const snapshot = useWallboardStore((s) => s.snapshot);
  const problem = useWallboardStore((s) => s.problem);
  const status = useLive((s) => s.status);
  const board = useRef<HTMLElement>(null);
  const wall = useWallMode(board);
  const [editing, setEditing] = useState<string | null>(null);
  const editingName = snapshot?.agents.find((a) => a.agentId === editing)?.displayName ?? '';

  return (
    <>
      <section ref={board} className={`card wallboard${wall.on ? ' wall' : ''}`} aria-labelledby="wallboard-title">
        <header className="wallboard-header">
          <h2 id="wallboard-title">Wallboard</h2>
          {snapshot && (
            <p className="muted">
              Updated <time dateTime={snapshot.figures.at}>{new Date(snapshot.figures.at).toLocaleTimeString()}</time>
              {status !== 'connected' && <strong className="stale"> · live channel interrupted: figures may be out of date</strong>}
            </p>
          )}
          <button type="button" onClick={() => void wall.toggle()} aria-pressed={wall.on}>
            {wall.on ? 'Leave wall mode' : 'Wall mode'}
          </button>
        </header>
        {problem && <p role="alert">{problem}</p>}
        {snapshot === null ? (
          <p className="empty">{status === 'connected' ? 'Waiting for the first figures from the server…' : 'Not connected to the live channel.'}</p>
        ) : (
          <>
            <h3>Queues today</h3>
            <div className="scroll">
              <QueueTable snapshot={snapshot} />
            </div>
            <h3>Agents</h3>
            <div className="scroll">
              <AgentTable snapshot={snapshot} onEditSkills={setEditing} callActions={callActions} />
            </div>
            <FigureHelp />
          </>
        )}
      </section>
      {snapshot && editing && <SkillsEditor agentId={editing} agentName={editingName} onClose={() => setEditing(null)} />}
      {snapshot && <IntradayChart snapshot={snapshot} />}
      {snapshot && <MessageForm agents={snapshot.agents} />}
      <WhoIsOnline />
      <section className="card" aria-labelledby="supervisor-live-title">
        <h2 id="supervisor-live-title">Connection</h2>
        <LiveChannelDetails />
      </section>
    </>
  );
}
