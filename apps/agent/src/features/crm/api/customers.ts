/** The CRM's REST routes as the desk uses them: search, a record, an edit, a customer's tickets. */
import {
  apiRoutes,
  type Customer,
  CustomerDetailSchema,
  CustomerSchema,
  CustomerSearchResultSchema,
  TicketListSchema,
  type UpdateCustomerRequest,
} from '@ccx/contracts';
import { useWebSession } from '@ccx/web-session';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

const PAGE = 20;
const customerPath = (id: string) => apiRoutes.getCustomer.path.replace(':id', encodeURIComponent(id));

export function useCustomerSearch(q: string, page: number) {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['customers', 'search', q, page] as const,
    queryFn: () => {
      const params = new URLSearchParams({ limit: String(PAGE), offset: String(page * PAGE) });
      if (q) params.set('q', q);
      return apiFetch(`${apiRoutes.searchCustomers.path}?${params}`, { schema: CustomerSearchResultSchema });
    },
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string | null) {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['customers', 'detail', id] as const,
    queryFn: () => apiFetch(customerPath(id ?? ''), { schema: CustomerDetailSchema }),
    enabled: id !== null,
  });
}

export function useCustomerTickets(id: string | null) {
  const { apiFetch } = useWebSession();
  return useQuery({
    queryKey: ['customers', 'tickets', id] as const,
    queryFn: () => apiFetch(apiRoutes.listCustomerTickets.path.replace(':id', encodeURIComponent(id ?? '')), { schema: TicketListSchema }),
    enabled: id !== null,
  });
}

export function useUpdateCustomer(id: string) {
  const { apiFetch } = useWebSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: UpdateCustomerRequest): Promise<Customer> => apiFetch(customerPath(id), { method: 'PATCH', body: changes, schema: CustomerSchema }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['customers'] }),
  });
}
