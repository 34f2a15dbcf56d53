/**
 * Stepping into calls over REST: start (`POST /api/calls/:callId/interventions`), switch mode
 * (`PATCH /api/interventions/:id`), leave (`DELETE`), and the supervisor's SIP credentials for
 * the softphone that carries the audio. Every answer is parsed with the contracts.
 */
import { apiRoutes, type Intervention, type InterventionMode, InterventionSchema, type SipCredentials, SipCredentialsSchema } from '@ccx/contracts';
import { type ApiFetch, useWebSession } from '@ccx/web-session';
import { useMutation } from '@tanstack/react-query';
import { useMonitoringStore } from '../monitoring.store';

export function issueSipCredentials(apiFetch: ApiFetch): Promise<SipCredentials> {
  return apiFetch(apiRoutes.issueSipCredentials.path, { method: 'POST', schema: SipCredentialsSchema });
}

const interventionPath = (id: string) => apiRoutes.changeIntervention.path.replace(':interventionId', encodeURIComponent(id));

export function useStartIntervention() {
  const { apiFetch } = useWebSession();
  const received = useMonitoringStore((s) => s.received);
  return useMutation({
    mutationFn: ({ callId, mode }: { callId: string; mode: InterventionMode }) =>
      apiFetch(apiRoutes.startIntervention.path.replace(':callId', encodeURIComponent(callId)), { method: 'POST', body: { mode }, schema: InterventionSchema }),
    onSuccess: (intervention: Intervention) => received(intervention),
  });
}

export function useChangeIntervention() {
  const { apiFetch } = useWebSession();
  const received = useMonitoringStore((s) => s.received);
  return useMutation({
    mutationFn: ({ interventionId, mode }: { interventionId: string; mode: InterventionMode }) =>
      apiFetch(interventionPath(interventionId), { method: 'PATCH', body: { mode }, schema: InterventionSchema }),
    onSuccess: (intervention: Intervention) => received(intervention),
  });
}

export function useEndIntervention() {
  const { apiFetch } = useWebSession();
  const received = useMonitoringStore((s) => s.received);
  return useMutation({
    mutationFn: ({ interventionId }: { interventionId: string }) => apiFetch(interventionPath(interventionId), { method: 'DELETE', schema: InterventionSchema }),
    onSuccess: (intervention: Intervention) => received(intervention),
  });
}
