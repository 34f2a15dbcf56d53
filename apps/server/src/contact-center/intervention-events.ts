import { Injectable } from '@nestjs/common';
import { type Intervention } from '@ccx/contracts';
import { PinoLogger } from 'nestjs-pino';
import { AuditService } from '../audit/audit.service.js';
import { LiveEvents } from '../realtime/live-events.js';
import { type InterventionChange, type LiveIntervention } from './domain/interventions.js';

type SupervisedCall = { callId: string; customerNumber: string; agentName: string };

/**
 * Where a supervisor's intervention goes as it changes (domain/interventions.ts): to every tab
 * of that supervisor (`supervisor:intervention`) and to the audit log — `monitor/start` when
 * their softphone joins the call, `monitor/mode` on each switch, `monitor/end` with who, whom,
 * which call, each mode with its times, start and end (`monitor/unanswered` for one that never
 * joined). It also knows each supervisor's intervention in progress: one softphone, one call.
 */
@Injectable()
export class InterventionEvents {
  private readonly inProgress = new Map<string, string>();

  constructor(
    private readonly live: LiveEvents,
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(InterventionEvents.name);
  }

  /** The intervention the supervisor is in now, if any. */
  inProgressOf(supervisorId: string): string | null {
    return this.inProgress.get(supervisorId) ?? null;
  }

  changed(call: SupervisedCall, intervention: Readonly<LiveIntervention>, change: InterventionChange): void {
    if (intervention.state === 'ended') {
      if (this.inProgress.get(intervention.supervisorId) === intervention.id) this.inProgress.delete(intervention.supervisorId);
    } else {
      this.inProgress.set(intervention.supervisorId, intervention.id);
    }
    this.live.toUser(intervention.supervisorId, 'supervisor:intervention', interventionView(call, intervention));
    const entry = auditEntryOf(call, intervention, change);
    if (!entry) return;
    this.audit.record({ actorId: intervention.supervisorId, targetType: 'call', targetId: call.callId, ...entry }).catch((error: unknown) => {
      this.logger.error({ err: error, interventionId: intervention.id }, 'intervention could not be audited');
    });
  }
}

export function interventionView(call: SupervisedCall, i: Readonly<LiveIntervention>): Intervention {
  return {
    interventionId: i.id,
    callId: call.callId,
    agentId: i.agentId,
    agentName: call.agentName,
    customerNumber: call.customerNumber,
    supervisorId: i.supervisorId,
    mode: i.mode,
    state: i.state,
    ringsAs: i.id,
    requestedAt: iso(i.requestedAt)!,
    connectedAt: iso(i.connectedAt),
    endedAt: iso(i.endedAt),
    endReason: i.endReason,
  };
}

/** The audit entry of a change (nothing for a request, or a mode chosen while still ringing). */
export function auditEntryOf(
  call: SupervisedCall,
  i: Readonly<LiveIntervention>,
  change: InterventionChange,
): { action: string; data: Record<string, unknown> } | null {
  const base = { interventionId: i.id, callId: call.callId, agentId: i.agentId, agentName: call.agentName };
  switch (change) {
    case 'requested':
      return null;
    case 'connected':
      return { action: 'monitor/start', data: { ...base, mode: i.mode, startedAt: iso(i.connectedAt) } };
    case 'mode':
      return i.state === 'connected' ? { action: 'monitor/mode', data: { ...base, mode: i.mode, at: iso(i.modes.at(-1)?.at ?? null) } } : null;
    case 'ended':
      if (i.connectedAt === null) return { action: 'monitor/unanswered', data: { ...base, mode: i.mode, requestedAt: iso(i.requestedAt), reason: i.endReason } };
      return {
        action: 'monitor/end',
        data: {
          ...base,
          startedAt: iso(i.connectedAt),
          endedAt: iso(i.endedAt),
          reason: i.endReason,
          modes: i.modes.map((m, index) => ({ mode: m.mode, from: iso(m.at), to: iso(i.modes[index + 1]?.at ?? i.endedAt) })),
        },
      };
  }
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}
