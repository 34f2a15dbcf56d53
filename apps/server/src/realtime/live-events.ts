import { Global, Injectable, Module } from '@nestjs/common';
import { type ClientToServerEvents, type ServerEventName, type ServerToClientEvents, type SessionUser } from '@ccx/contracts';
import { type Server, type Socket } from 'socket.io';

export interface SocketData {
  user: SessionUser;
}
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type Payload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Sends typed server → client events to rooms, for services that are not the gateway (the
 * ACD, the contact center, the wallboard). The realtime gateway attaches its Socket.IO
 * server at start; before that (or without sockets) events go nowhere.
 */
@Injectable()
export class LiveEvents {
  private server: LiveServer | null = null;

  attach(server: LiveServer): void {
    this.server = server;
  }

  toAgent<E extends ServerEventName>(agentId: string, event: E, payload: Payload<E>): void {
    this.emit(`agent:${agentId}`, event, payload);
  }

  /** Every tab of one user. */
  toUser<E extends ServerEventName>(userId: string, event: E, payload: Payload<E>): void {
    this.emit(`user:${userId}`, event, payload);
  }

  /** One socket (a tab): its id is a room of its own. */
  toSocket<E extends ServerEventName>(socketId: string, event: E, payload: Payload<E>): void {
    this.emit(socketId, event, payload);
  }

  toRoles<E extends ServerEventName>(roles: readonly SessionUser['role'][], event: E, payload: Payload<E>): void {
    this.emit(
      roles.map((role) => `role:${role}`),
      event,
      payload,
    );
  }

  private emit<E extends ServerEventName>(rooms: string | string[], event: E, payload: Payload<E>): void {
    if (!this.server) return;
    // Socket.IO's typed emit cannot follow a generic event name; the signature above keeps callers typed.
    (this.server.to(rooms).emit as (event: string, payload: unknown) => boolean)(event, payload);
  }
}

@Global()
@Module({ providers: [LiveEvents], exports: [LiveEvents] })
export class LiveEventsModule {}
