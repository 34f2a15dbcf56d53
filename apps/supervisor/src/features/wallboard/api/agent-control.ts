/**
 * The supervisor's control of agents over REST (`/api/agents/...`): force a state, read and
 * replace skills, send a message; plus the catalogs the controls offer (not-ready reasons,
 * skills). Every answer is parsed with the contracts.
 */
import {
  AgentMessageSchema,
  AgentSkillsListSchema,
  AgentSkillsSchema,
  apiRoutes,
  type ForceAgentStateRequest,
  ForcedAgentStateSchema,
  NotReadyReasonListSchema,
  type SendAgentMessageRequest,
  SkillCatalogSchema,
  type SkillLevel,
} from '@ccx/contracts';
import { useWebSession } from '@ccx/web-session';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

const agentPath = (path: string, agentId: string) => path.replace(':agentId', encodeURIComponent(agentId));

export function useForceAgentState() {
  const { apiFetch } = useWebSession();
  return useMutation({
    mutationFn: ({ agentId, request }: { agentId: string; request: ForceAgentStateRequest }) =>
      apiFetch(agentPath(apiRoutes.forceAgentState.path, agentId), { method: 'POST', body: request, schema: ForcedAgentStateSchema }),
  });
}

export function useAgentSkills() {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['agent-skills'] as const,
    queryFn: () => apiFetch(apiRoutes.listAgentSkills.path, { schema: AgentSkillsListSchema }),
  });
}

export function useUpdateAgentSkills() {
  const { apiFetch } = useWebSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ agentId, skills }: { agentId: string; skills: SkillLevel[] }) =>
      apiFetch(agentPath(apiRoutes.updateAgentSkills.path, agentId), { method: 'PUT', body: { skills }, schema: AgentSkillsSchema }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['agent-skills'] }),
  });
}

export function useSendAgentMessage() {
  const { apiFetch } = useWebSession();
  return useMutation({
    mutationFn: (request: SendAgentMessageRequest) => apiFetch(apiRoutes.sendAgentMessage.path, { method: 'POST', body: request, schema: AgentMessageSchema }),
  });
}

export function useNotReadyReasons() {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['not-ready-reasons'] as const,
    queryFn: () => apiFetch(apiRoutes.listNotReadyReasons.path, { schema: NotReadyReasonListSchema }),
    staleTime: 60_000,
    select: (list) => list.reasons.filter((r) => r.active && r.code !== 'missed-offer'),
  });
}

export function useSkillCatalog() {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['skills'] as const,
    queryFn: () => apiFetch(apiRoutes.listSkills.path, { schema: SkillCatalogSchema }),
    staleTime: 60_000,
  });
}
