import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { type WebSession } from '../web-session';
import { SessionProvider } from './session-context';
import '../ui/app-shell.css';

/** Server-data cache and session for one app; every app's root renders this once. */
export function AppProviders({ session, children }: { session: WebSession; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider session={session}>{children}</SessionProvider>
    </QueryClientProvider>
  );
}
