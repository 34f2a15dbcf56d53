/** The call log's REST routes: pages of records, a call's timeline, a recording, the CSV export, and the names of agents and queues. */
import { AgentDirectorySchema, apiRoutes, type CallExportQuery, CallListSchema, CallTimelineSchema, DispositionListSchema } from '@ccx/contracts';
import { useWebSession } from '@ccx/web-session';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchBlob } from '../../../lib/authorized-blob';
import { toSearchParams } from '../domain/call-filter';

const PAGE = 50;

export function useCallList(query: CallExportQuery | null) {
  const { apiFetch } = useWebSession();
  return useInfiniteQuery({
    queryKey: ['calls', 'list', query] as const,
    enabled: query !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = toSearchParams(query ?? {});
      params.set('limit', String(PAGE));
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch(`${apiRoutes.listCalls.path}?${params}`, { schema: CallListSchema, signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useCallTimeline(callId: string | null) {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['calls', 'timeline', callId] as const,
    enabled: callId !== null,
    queryFn: ({ signal }) => apiFetch(apiRoutes.listCallEvents.path.replace(':id', encodeURIComponent(callId ?? '')), { schema: CallTimelineSchema, signal }),
  });
}

export function recordingPath(callId: string, recordingId: string): string {
  return apiRoutes.getCallRecording.path.replace(':id', encodeURIComponent(callId)).replace(':recordingId', encodeURIComponent(recordingId));
}

/** The recording as a blob (the endpoint needs the bearer token, which `<audio src>` cannot send). */
export function useRecordingBlob(callId: string, recordingId: string | null) {
  const session = useWebSession();
  return useQuery({
    queryKey: ['calls', 'recording', callId, recordingId] as const,
    enabled: recordingId !== null,
    queryFn: async ({ signal }) => (await fetchBlob(session, recordingPath(callId, recordingId ?? ''), signal)).blob,
    staleTime: Infinity,
    gcTime: 60_000,
  });
}

export function exportPath(query: CallExportQuery): string {
  const params = toSearchParams(query).toString();
  return params ? `${apiRoutes.exportCalls.path}?${params}` : apiRoutes.exportCalls.path;
}

/** Agents and queues by id, for names in the table, the timeline and the filter's choices. */
export function useDirectory() {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['agents', 'directory'] as const,
    queryFn: ({ signal }) => apiFetch(apiRoutes.agentDirectory.path, { schema: AgentDirectorySchema, signal }),
    staleTime: 60_000,
  });
}

export function useDispositionCodes() {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['dispositions'] as const,
    queryFn: ({ signal }) => apiFetch(apiRoutes.listDispositions.path, { schema: DispositionListSchema, signal }),
    staleTime: 60_000,
  });
}
