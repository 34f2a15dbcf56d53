import { parentPort, workerData } from 'node:worker_threads';
import { type AgentStateView, type ClientToServerEvents, type ServerToClientEvents, type TokenPair } from '@ccx/contracts';
import { io, type Socket } from 'socket.io-client';
import { type AgentsIn, type AgentsOut, type AgentsSetup, epochMs } from './messages.js';

/**
 * The agents' side of `bench:acd:e2e`, in a worker thread of its own so that the agents'
 * sockets do not queue behind the server's work on one event loop (in life they are other
 * machines). Each agent does what the agent app does: logs in over REST, opens the live
 * channel with its token, heartbeats, sets its state; and what the agent does: answers the
 * softphone when an offer pops, and after the caller hangs up and a short wrap-up, goes
 * available again. The softphone itself is the gateway stand-in's (messages to the main thread).
 */
const setup = workerData as AgentsSetup;
const port = parentPort!;
const send = (message: AgentsOut) => port.postMessage(message);

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

interface BenchAgent {
  username: string;
  extension: string;
  agentId: string;
  socket: LiveClient;
  state: AgentStateView | null;
  /** When this agent last sent `agent:setState available` (epoch ms, sub-ms precision). */
  availableSentAt: number;
}

const agents: BenchAgent[] = [];
let working = false;
const timers = new Set<NodeJS.Timeout>();

const between = ([min, max]: readonly [number, number]) => min + Math.random() * (max - min);

function later(ms: number, run: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    run();
  }, ms);
  timers.add(timer);
}

function goAvailable(agent: BenchAgent): void {
  agent.availableSentAt = epochMs();
  agent.socket.emit('agent:setState', { state: 'available' }, (answer) => {
    if (!answer.ok) send({ type: 'problem', text: `${agent.username}: setState refused: ${answer.error.code}` });
  });
}

async function login(username: string, password: string): Promise<TokenPair> {
  const response = await fetch(`${setup.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username} → ${response.status}`);
  return (await response.json()) as TokenPair;
}

async function bringOnline(username: string, extension: string): Promise<BenchAgent> {
  const pair = await login(username, setup.password);
  const socket: LiveClient = io(setup.url, { auth: { token: pair.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
  const agent: BenchAgent = { username, extension, agentId: pair.user.agentId!, socket, state: null, availableSentAt: 0 };
  const reachable = new Promise<void>((resolve) => {
    socket.on('agent:state', (view) => {
      const first = agent.state === null;
      agent.state = view;
      // The tab is known to the ACD now: the softphone registers (a SIP REGISTER in life).
      if (first) send({ type: 'registerPhone', extension });
      if (view.reachable) resolve();
      // The caller hung up: after a short wrap-up the agent takes the next call. An offer that
      // rang out (never popped in time) makes the ACD set the agent not ready: they come back.
      if (working && (view.state === 'after-call-work' || view.state === 'not-ready')) later(between(setup.wrapUpMs), () => goAvailable(agent));
    });
  });
  socket.on('agent:offer', (offer) => {
    send({ type: 'offer', agentId: agent.agentId, callId: offer.callId, offerId: offer.offerId, at: epochMs(), availableSentAt: agent.availableSentAt });
    // The screen pops and the softphone rings: the agent answers it.
    later(between(setup.answerMs), () => send({ type: 'answer', extension }));
  });
  socket.on('connect_error', (error) => send({ type: 'problem', text: `${username}: ${error.message}` }));
  const beat = () => socket.emit('presence:heartbeat', { tabId: `${username}-tab`, sentAt: Date.now(), visible: true }, () => undefined);
  // Spread the agents' heartbeats over the interval, as tabs opened at different times do.
  later(Math.random() * setup.heartbeatMs, () => {
    beat();
    const timer = setInterval(beat, setup.heartbeatMs);
    timers.add(timer);
  });
  await reachable;
  return agent;
}

port.on('message', (message: AgentsIn) => {
  if (message.type === 'work') {
    working = true;
    for (const agent of agents) goAvailable(agent);
  } else if (message.type === 'stop') {
    working = false;
    for (const timer of timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    for (const agent of agents) agent.socket.disconnect();
    send({ type: 'stopped' });
  }
});

// A few at a time: the agents of a contact center do not all log in in the same millisecond.
const LOGINS_AT_ONCE = 8;
let next = 0;
await Promise.all(
  Array.from({ length: LOGINS_AT_ONCE }, async () => {
    while (next < setup.agents.length) {
      const { username, extension } = setup.agents[next++]!;
      agents.push(await bringOnline(username, extension));
    }
  }),
);
send({ type: 'online', count: agents.length });
