import { type GatewayEvent } from '@ccx/contracts';
import { CallManager, type CallManagerOptions, type LegAudio } from './calls/call-manager.js';
import { type MediaBackend } from './calls/media-backend.js';
import { ClientTransactionLayer } from './sip/client-transactions.js';
import { DEFAULT_REGISTRAR_OPTIONS, Registrar, type RegistrarOptions } from './sip/registrar.js';
import { SipEndpoint } from './sip/sip-endpoint.js';
import { type Scheduler } from './sip/timers.js';
import { type SipConnection } from './sip/transport.js';

/**
 * Assembles the gateway's SIP side: registrar, endpoint (server transactions), client
 * transactions and the call manager, all on one scheduler. The gateway runs it on real
 * timers; tests run it on a fake clock with a fake media backend.
 */
export interface SipStackOptions {
  registrar: Pick<RegistrarOptions, 'realm' | 'secret'> & Partial<RegistrarOptions>;
  calls: CallManagerOptions;
  /** host:port of our UDP socket, for the Via of requests we send to trunks. */
  udpSentBy?: string;
}

export function createSipStack(
  options: SipStackOptions,
  scheduler: Scheduler,
  media: MediaBackend,
  emit: (event: GatewayEvent) => void,
  log?: (event: Record<string, unknown>) => void,
  audio?: LegAudio,
) {
  const registrar = new Registrar({ ...DEFAULT_REGISTRAR_OPTIONS, ...options.registrar }, scheduler, {
    registered: (b) => emit({ event: 'registration', sipUser: b.sipUser, contact: b.contact, state: 'registered', at: scheduler.now() }),
    unregistered: (b, reason) => emit({ event: 'registration', sipUser: b.sipUser, contact: b.contact, state: 'unregistered', reason, at: scheduler.now() }),
  });
  const endpoint = new SipEndpoint(registrar, scheduler, log);
  const clientTransactions = new ClientTransactionLayer(scheduler, (connection) => viaFor(connection, options.udpSentBy));
  const calls = new CallManager({ ...options.calls, udpSentBy: options.udpSentBy }, registrar.authenticator, clientTransactions, media, scheduler, emit, audio ?? null);
  endpoint.calls = calls;
  endpoint.clientTransactions = clientTransactions;
  return { registrar, endpoint, calls, clientTransactions };
}

/** Our sent-by as the peer should see it; WebSocket peers answer on the socket anyway (RFC 7118). */
function viaFor(connection: SipConnection, udpSentBy = 'gateway.invalid'): string {
  return connection.protocol === 'UDP' ? `UDP ${udpSentBy}` : `${connection.protocol} gateway.invalid`;
}
