/** Shows the login screen until someone with an allowed role is logged in, then the app. */
import type { ReactNode } from 'react';
import { useAuth } from '../react/session-context';
import { LoginScreen } from './login-screen';

export function AuthGate({ children }: { children: ReactNode }) {
  const authenticated = useAuth((state) => state.status === 'authenticated');
  return authenticated ? children : <LoginScreen />;
}
