/** `GET /api/not-ready-reasons`: the active reasons an agent may pick. */
import { apiRoutes, NotReadyReasonListSchema } from '@ccx/contracts';
import { type ApiFetch, useWebSession } from '@ccx/web-session';
import { queryOptions, useQuery } from '@tanstack/react-query';

export function getNotReadyReasons(apiFetch: ApiFetch) {
  return apiFetch(apiRoutes.listNotReadyReasons.path, { schema: NotReadyReasonListSchema });
}

export function notReadyReasonsQueryOptions(apiFetch: ApiFetch) {
  return queryOptions({
    queryKey: ['not-ready-reasons'] as const,
    queryFn: () => getNotReadyReasons(apiFetch),
    staleTime: 60_000,
    // Agents get only active reasons; `missed-offer` is the ACD's own and not for picking.
    select: (list) => list.reasons.filter((reason) => reason.active && reason.code !== 'missed-offer'),
  });
}

export function useNotReadyReasons() {
  const { apiFetch } = useWebSession();
  return useQuery(notReadyReasonsQueryOptions(apiFetch));
}
