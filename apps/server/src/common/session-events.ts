import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import { type SessionRevoked } from '@ccx/contracts';

export interface SessionRevocation {
  userId: string;
  reason: SessionRevoked['reason'];
}

/**
 * In-process notice that a user's sessions must end (deactivated, role changed, password
 * changed). Auth revokes the refresh tokens, realtime disconnects the sockets; neither
 * module has to know the other.
 */
@Injectable()
export class SessionEvents {
  private readonly emitter = new EventEmitter();

  revoke(revocation: SessionRevocation): void {
    this.emitter.emit('revoke', revocation);
  }

  onRevoke(listener: (revocation: SessionRevocation) => void | Promise<void>): void {
    this.emitter.on('revoke', (revocation: SessionRevocation) => void listener(revocation));
  }
}
