/** React access to the app's WebSession, and store hooks bound to it. */
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { useStore } from 'zustand';
import type { AuthState } from '../auth/auth.store';
import type { LiveState } from '../realtime/live.store';
import type { WebSession } from '../web-session';

const SessionContext = createContext<WebSession | null>(null);

export function SessionProvider({ session, children }: { session: WebSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useWebSession(): WebSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useWebSession must be used inside <SessionProvider>.');
  return session;
}

export function useAuth<T>(selector: (state: AuthState) => T): T {
  return useStore(useWebSession().auth, selector);
}

export function useLive<T>(selector: (state: LiveState) => T): T {
  return useStore(useWebSession().live, selector);
}

/** Keeps the live channel open while the component is mounted and the user is logged in. */
export function useLiveChannel(): void {
  const { live } = useWebSession();
  const authenticated = useAuth((state) => state.status === 'authenticated');
  useEffect(() => {
    if (!authenticated) return;
    live.getState().connect();
    return () => live.getState().disconnect();
  }, [authenticated, live]);
}
