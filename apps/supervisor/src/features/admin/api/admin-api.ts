/**
 * The administration REST routes as the screens use them: one list query per resource and
 * one mutation helper that refreshes the lists it touched. Bodies are typed by contracts;
 * the server parses them with the same schemas and answers 400 with field issues.
 */
import {
  apiRoutes,
  BusinessHoursCalendarListSchema,
  CallerListSchema,
  DispositionListSchema,
  IvrFlowListSchema,
  IvrFlowVersionSchema,
  NotReadyReasonListSchema,
  PromptListSchema,
  QueueListSchema,
  SkillCatalogSchema,
  UserListSchema,
} from '@ccx/contracts';
import { type ApiFetch, useWebSession } from '@ccx/web-session';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchBlob } from '../../../lib/authorized-blob';

export const withId = (path: string, id: string) => path.replace(':id', encodeURIComponent(id));

export function useUsers() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['users'], queryFn: ({ signal }) => apiFetch(apiRoutes.listUsers.path, { schema: UserListSchema, signal }) });
}
export function useSkills() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['skills'], queryFn: ({ signal }) => apiFetch(apiRoutes.listSkills.path, { schema: SkillCatalogSchema, signal }) });
}
export function useQueues() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['queues'], queryFn: ({ signal }) => apiFetch(apiRoutes.listQueues.path, { schema: QueueListSchema, signal }) });
}
export function useNotReadyReasons() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['not-ready-reasons'], queryFn: ({ signal }) => apiFetch(apiRoutes.listNotReadyReasons.path, { schema: NotReadyReasonListSchema, signal }) });
}
export function useDispositions() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['dispositions'], queryFn: ({ signal }) => apiFetch(apiRoutes.listDispositions.path, { schema: DispositionListSchema, signal }) });
}
export function useCallerLists() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['caller-lists'], queryFn: ({ signal }) => apiFetch(apiRoutes.listCallerListEntries.path, { schema: CallerListSchema, signal }) });
}
export function useCalendars() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['business-hours'], queryFn: ({ signal }) => apiFetch(apiRoutes.listBusinessHoursCalendars.path, { schema: BusinessHoursCalendarListSchema, signal }) });
}
export function useFlows() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['ivr-flows'], queryFn: ({ signal }) => apiFetch(apiRoutes.listIvrFlows.path, { schema: IvrFlowListSchema, signal }) });
}
export function useFlowVersion(flowId: string | null, version: number | null) {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['ivr-flows', flowId, 'version', version],
    enabled: flowId !== null && version !== null,
    queryFn: ({ signal }) =>
      apiFetch(apiRoutes.getIvrFlowVersion.path.replace(':id', encodeURIComponent(flowId ?? '')).replace(':version', String(version)), { schema: IvrFlowVersionSchema, signal }),
  });
}

export function usePrompts() {
  const { apiFetch } = useWebSession();
  return useQuery({ queryKey: ['prompts'], queryFn: ({ signal }) => apiFetch(apiRoutes.listPrompts.path, { schema: PromptListSchema, signal }) });
}
/** A prompt's audio as a blob (the route needs the bearer token, which `<audio src>` cannot send); fetched once asked for. */
export function usePromptAudio(id: string, enabled: boolean) {
  const session = useWebSession();
  return useQuery({
    queryKey: ['prompts', id, 'audio'],
    enabled,
    queryFn: async ({ signal }) => (await fetchBlob(session, withId(apiRoutes.getPromptAudio.path, id), signal)).blob,
    staleTime: Infinity,
    gcTime: 60_000,
  });
}

/** A write that refreshes the lists named by `invalidates` when it succeeds. */
export function useAdminMutation<TInput, TResult>(invalidates: readonly string[], run: (apiFetch: ApiFetch, input: TInput) => Promise<TResult>) {
  const { apiFetch } = useWebSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) => run(apiFetch, input),
    onSuccess: () => Promise.all(invalidates.map((key) => client.invalidateQueries({ queryKey: [key] }))),
  });
}
