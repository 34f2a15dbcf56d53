import { type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  type Ack,
  type ClientToServerEvents,
  type ClientEventName,
  clientEventSchemas,
  ErrorCode,
  HandshakeAuthSchema,
  type SessionUser,
  toFieldIssues,
} from '@ccx/contracts';
import { PinoLogger } from 'nestjs-pino';
import { AcdService } from '../acd/acd.service.js';
import { WallboardService } from '../acd/wallboard.service.js';
import { SessionResolver } from '../auth/session-resolver.js';
import { AppError } from '../common/app-error.js';
import { SessionEvents } from '../common/session-events.js';
import { ContactCenterService } from '../contact-center/contact-center.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { PresenceRegistry } from './domain/presence-registry.js';
import { LiveEvents, type LiveServer, type LiveSocket } from './live-events.js';

/** Which roles may send each client event; checked before the payload is parsed. */
const eventAccess: Record<ClientEventName, readonly SessionUser['role'][]> = {
  'presence:heartbeat': ['admin', 'supervisor', 'agent'],
  'agent:setState': ['agent'],
  'call:transfer': ['agent'],
  'call:consult': ['agent'],
  'call:wrapUp': ['agent'],
  'call:dial': ['agent'],
};

/** What the acknowledgement of a client event carries when it succeeds. */
type AckData<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends (reply: Ack<infer T>) => void ? T : never;
/** A handler answers at once or when its promise settles (a database read, a gateway command). */
type Handler<E extends ClientEventName> = (socket: LiveSocket, payload: Parameters<ClientToServerEvents[E]>[0]) => AckData<E> | Promise<AckData<E>>;

export const roomsOf = (user: SessionUser): string[] => [
  `role:${user.role}`,
  `user:${user.id}`,
  ...(user.agentId ? [`agent:${user.agentId}`] : []),
];

/**
 * The live channel. Authenticates at connect (a socket without a valid access token never
 * connects), puts each socket in its rooms, and runs every client event through the
 * contracts schema: a bad payload is answered with an error acknowledgement and changes
 * nothing. An agent's tab is a presence fact for the ACD (connected, heartbeats, gone) and
 * gets the agent's state at connect; a supervisor's or admin's gets the wallboard.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() private server!: LiveServer;
  private readonly presence = new PresenceRegistry();

  constructor(
    private readonly sessions: SessionResolver,
    private readonly metrics: MetricsService,
    private readonly logger: PinoLogger,
    private readonly live: LiveEvents,
    private readonly acd: AcdService,
    private readonly wallboard: WallboardService,
    private readonly contactCenter: ContactCenterService,
    sessionEvents: SessionEvents,
  ) {
    this.logger.setContext(RealtimeGateway.name);
    sessionEvents.onRevoke(({ userId, reason }) => {
      this.server.to(`user:${userId}`).emit('session:revoked', { reason });
      this.server.in(`user:${userId}`).disconnectSockets(true);
    });
  }

  afterInit(server: LiveServer): void {
    this.live.attach(server);
    server.use((socket, next) => {
      const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
      this.sessions
        .resolve(auth.success ? auth.data.token : undefined)
        .then((user) => {
          socket.data.user = user;
          next();
        })
        .catch((error: unknown) => {
          const code = error instanceof AppError ? error.code : ErrorCode.Unauthenticated;
          next(new Error(code));
        });
    });
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const user = socket.data.user;
    const rooms = roomsOf(user);
    await socket.join(rooms);
    this.presence.connect(socket.id, user, Date.now());
    this.updateConnectionGauge();
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event in clientEventSchemas) return;
      this.reject(socket, event, lastFunction(args), new AppError(ErrorCode.UnknownEvent, `unknown event ${event}`));
    });
    // Every client event of the contracts, each through the one dispatch (none can be left unheard).
    const listen = socket.on.bind(socket) as (event: string, listener: (payload: unknown, ack: unknown) => void) => void;
    for (const event of Object.keys(eventAccess) as ClientEventName[]) listen(event, (payload, ack) => this.dispatch(socket, event, payload, ack));
    socket.emit('session:ready', { user, rooms, serverTime: Date.now() });
    this.broadcastPresence();
    if (user.role === 'agent' && user.agentId) {
      const view = await this.acd.tabConnected(user.agentId, socket.id);
      if (view && socket.connected) socket.emit('agent:state', view);
      // A tab that opens mid-call shows the call the agent's other tabs show.
      const call = this.contactCenter.currentCall(user.agentId);
      if (call && socket.connected) socket.emit('agent:call', call);
    } else if (user.role === 'supervisor' || user.role === 'admin') {
      socket.emit('wallboard:snapshot', this.wallboard.snapshot());
    }
  }

  handleDisconnect(socket: LiveSocket): void {
    const user = socket.data.user as SessionUser | undefined;
    if (user?.role === 'agent' && user.agentId) this.acd.tabGone(user.agentId, socket.id);
    this.presence.disconnect(socket.id);
    this.updateConnectionGauge();
    this.broadcastPresence();
  }

  /** Role check and schema parse for every client event, then the handler. */
  private dispatch<E extends ClientEventName>(socket: LiveSocket, event: E, payload: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (r: Ack<unknown>) => void) : undefined;
    if (!eventAccess[event].includes(socket.data.user.role)) {
      return this.reject(socket, event, reply, new AppError(ErrorCode.Forbidden, `role may not send ${event}`));
    }
    const parsed = clientEventSchemas[event].safeParse(payload);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      const message = `invalid ${event} payload: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
      return this.reject(socket, event, reply, new AppError(ErrorCode.Validation, message, { issues }));
    }
    const failed = (error: unknown): void => {
      if (error instanceof AppError) return this.reject(socket, event, reply, error);
      this.logger.error({ socketId: socket.id, event, err: error }, 'event handler failed');
      reply?.({ ok: false, error: { code: 'server/internal', message: 'the server could not do that; try again' } });
    };
    let result: unknown;
    try {
      result = (this.handlers[event] as (socket: LiveSocket, payload: unknown) => unknown)(socket, parsed.data);
    } catch (error) {
      return failed(error);
    }
    if (result instanceof Promise) {
      result.then((data: unknown) => reply?.({ ok: true, data }), failed);
      return;
    }
    reply?.({ ok: true, data: result });
  }

  private readonly handlers: { [E in ClientEventName]: Handler<E> } = {
    'presence:heartbeat': (socket, beat) => {
      this.presence.heartbeat(socket.id, beat, Date.now());
      const { agentId } = socket.data.user;
      if (agentId) this.acd.heartbeat(agentId, socket.id);
      return { serverTime: Date.now() };
    },
    'agent:setState': (socket, request) => {
      const { agentId } = socket.data.user;
      if (!agentId) throw new AppError(ErrorCode.Forbidden, 'this user has no agent profile');
      return this.acd.setState(agentId, request);
    },
    // The agent's call control: the contact center owns the calls (contact-center/domain).
    'call:transfer': (socket, request) => this.contactCenter.transfer(agentOf(socket), request),
    'call:consult': (socket, request) => this.contactCenter.consult(agentOf(socket), request),
    'call:wrapUp': (socket, request) => this.contactCenter.wrapUp(agentOf(socket), request),
    'call:dial': (socket, request) => this.contactCenter.dial(agentOf(socket), request),
  };

  private reject(socket: LiveSocket, event: string, reply: ((r: Ack<unknown>) => void) | undefined, error: AppError): void {
    this.metrics.rejectedEvents.inc({ event: event.slice(0, 40), code: error.code });
    this.logger.debug({ socketId: socket.id, event, code: error.code }, 'event refused');
    reply?.({ ok: false, error: { code: error.code, message: error.message, ...error.details } });
  }

  private broadcastPresence(): void {
    const snapshot = this.presence.snapshot();
    this.server.to(['role:supervisor', 'role:admin']).emit('presence:snapshot', snapshot);
  }

  private updateConnectionGauge(): void {
    for (const [role, count] of Object.entries(this.presence.countByRole())) this.metrics.liveConnections.set({ role }, count);
  }
}

/** The agent profile of the socket's user (the event's role check let only agents through). */
function agentOf(socket: LiveSocket): string {
  const { agentId } = socket.data.user;
  if (!agentId) throw new AppError(ErrorCode.Forbidden, 'this user has no agent profile');
  return agentId;
}

function lastFunction(args: unknown[]): ((reply: Ack<unknown>) => void) | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (reply: Ack<unknown>) => void) : undefined;
}
