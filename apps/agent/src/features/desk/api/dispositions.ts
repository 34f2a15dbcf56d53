/** `GET /api/dispositions`: the active codes an agent may pick in wrap-up. */
import { apiRoutes, DispositionListSchema } from '@ccx/contracts';
import { useWebSession } from '@ccx/web-session';
import { useQuery } from '@tanstack/react-query';

export function useDispositions() {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['dispositions'] as const,
    queryFn: () => apiFetch(apiRoutes.listDispositions.path, { schema: DispositionListSchema }),
    staleTime: 60_000,
    select: (list) => list.dispositions.filter((d) => d.active),
  });
}
