/** `GET /api/me/calls`: the agent's own calls, newest first, page after page. */
import { apiRoutes, MyCallListSchema } from '@ccx/contracts';
import { useWebSession } from '@ccx/web-session';
import { useInfiniteQuery } from '@tanstack/react-query';

export function useMyCalls() {
  const { apiFetch } = useWebSession();
  return useInfiniteQuery({
    queryKey: ['me', 'calls'] as const,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '20' });
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch(`${apiRoutes.myCalls.path}?${params}`, { schema: MyCallListSchema });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
