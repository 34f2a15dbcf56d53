import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { ErrorCode, WIDGET_NAMESPACE, type WidgetClientToServerEvents, WidgetHandshakeAuthSchema, type WidgetServerToClientEvents } from '@ccx/contracts';
import { type Namespace, type Socket } from 'socket.io';
import { VisitorRateLimit } from './domain/visitor-rate-limit.js';
import { WidgetCallsService } from './widget-calls.service.js';

type VisitorSocket = Socket<WidgetClientToServerEvents, WidgetServerToClientEvents, Record<string, never>, { sipUser: string }>;
type VisitorNamespace = Namespace<WidgetClientToServerEvents, WidgetServerToClientEvents, Record<string, never>, { sipUser: string }>;

const room = (sipUser: string) => `visitor:${sipUser}`;

/**
 * The widget's status channel: Socket.IO namespace `/widget`. A visitor connects with the
 * call token's credential as `auth`; a forged, expired (without a call in progress) or
 * missing one never connects, and connections are rate limited per address like the call
 * tokens. Each socket joins its visitor's room only, so it hears its own call and no other.
 */
@WebSocketGateway({ path: '/socket.io', namespace: WIDGET_NAMESPACE, serveClient: false, maxHttpBufferSize: 4 * 1024 })
export class WidgetStatusGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly limit = new VisitorRateLimit({ perAddress: 30, total: 1200, windowMs: 60_000 });

  constructor(private readonly calls: WidgetCallsService) {}

  afterInit(namespace: VisitorNamespace): void {
    this.calls.onStatus((sipUser, status) => namespace.to(room(sipUser)).emit('widget:status', status));
    namespace.use((socket, next) => {
      if (!this.limit.take(socket.handshake.address, Date.now()).allowed) return next(new Error(ErrorCode.RateLimited));
      const auth = WidgetHandshakeAuthSchema.safeParse(socket.handshake.auth);
      const sipUser = auth.success ? this.calls.visitorOf(auth.data) : null;
      if (!sipUser) return next(new Error(ErrorCode.Unauthenticated));
      socket.data.sipUser = sipUser;
      next();
    });
  }

  async handleConnection(socket: VisitorSocket): Promise<void> {
    const sipUser = socket.data.sipUser;
    await socket.join(room(sipUser));
    // Sent after joining: a change in between is not lost, at worst it arrives twice.
    socket.emit('widget:status', this.calls.statusOf(sipUser));
  }
}
