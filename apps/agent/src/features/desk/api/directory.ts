/** `GET /api/agents/directory`: agents (with their state now) and queues to transfer to. */
import { AgentDirectorySchema, apiRoutes } from '@ccx/contracts';
import { useWebSession } from '@ccx/web-session';
import { useQuery } from '@tanstack/react-query';

export function useDirectory(enabled: boolean) {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['agent-directory'] as const,
    queryFn: () => apiFetch(apiRoutes.agentDirectory.path, { schema: AgentDirectorySchema }),
    enabled,
    // States change by the second: read afresh each time the dialog opens.
    staleTime: 0,
  });
}
