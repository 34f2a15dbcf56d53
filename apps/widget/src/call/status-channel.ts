/**
 * The visitor's status channel: Socket.IO namespace /widget on the widget's own server, over
 * WebSocket only (a cross-origin page needs no CORS for it), authorized by the call token.
 */
import type { VisitorCredential, WidgetCallStatus } from '@ccx/contracts';
import { io } from 'socket.io-client';
import { parseStatus } from './call-status';

export interface StatusChannel {
  close(): void;
}

export function openStatusChannel(origin: string, credential: VisitorCredential, onStatus: (status: WidgetCallStatus) => void): StatusChannel {
  const socket = io(`${origin}/widget`, { auth: credential, transports: ['websocket'], reconnectionAttempts: 10 });
  socket.on('widget:status', (value: unknown) => {
    const status = parseStatus(value);
    if (status) onStatus(status);
  });
  return { close: () => socket.close() };
}
