/** The audit log's REST routes: pages of entries, and everyone who appears in it (the "who" filter). */
import { apiRoutes, AuditActorListSchema, AuditListSchema } from '@ccx/contracts';
import { useWebSession } from '@ccx/web-session';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type AuditFilter, auditSearchParams } from '../domain/audit-filter';

const PAGE = 50;

export function useAuditLog(filter: AuditFilter | null) {
  const { apiFetch } = useWebSession();
  return useInfiniteQuery({
    queryKey: ['audit', 'list', filter] as const,
    enabled: filter !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = auditSearchParams(filter ?? {});
      params.set('limit', String(PAGE));
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch(`${apiRoutes.listAuditEntries.path}?${params}`, { schema: AuditListSchema, signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useAuditActors() {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['audit', 'actors'] as const,
    queryFn: ({ signal }) => apiFetch(apiRoutes.listAuditActors.path, { schema: AuditActorListSchema, signal }),
    staleTime: 60_000,
  });
}
