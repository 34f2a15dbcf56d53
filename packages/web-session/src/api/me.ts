/** `GET /api/auth/me`: the logged-in user as the server sees them now. */
import { type SessionUser, SessionUserSchema, apiRoutes } from '@ccx/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useAuth, useWebSession } from '../react/session-context';
import type { ApiFetch } from './api-fetch';

export function getMe(apiFetch: ApiFetch): Promise<SessionUser> {
  return apiFetch(apiRoutes.me.path, { schema: SessionUserSchema });
}

export function meQueryOptions(apiFetch: ApiFetch, userId: string | null) {
  return queryOptions({
    queryKey: ['auth', 'me', userId] as const,
    queryFn: () => getMe(apiFetch),
    enabled: userId !== null,
    staleTime: 60_000,
  });
}

export function useMe() {
  const { apiFetch } = useWebSession();
  const userId = useAuth((state) => state.session?.pair.user.id ?? null);
  return useQuery(meQueryOptions(apiFetch, userId));
}
