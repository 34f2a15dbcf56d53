/**
 * The desk's moving parts for one logged-in agent: the desk store on the live channel, the
 * softphone registered with the agent's extension (in the one tab that owns the phone:
 * `lib/phone-lock.ts`), and the ringtone. Created when the desk mounts, torn down when it
 * unmounts (logout), and handed to components through context.
 */
import { Softphone, type SoftphoneState } from '@ccx/softphone';
import { TAB_ID, useAuth, useLive, useWebSession } from '@ccx/web-session';
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { issueSipCredentials } from './api/sip-credentials';
import { createDeskStore, type DeskState, type DeskStore } from './desk.store';
import { type OwnershipState } from './domain/phone-ownership';
import { PhoneLock } from './lib/phone-lock';
import { Ringtone, type SoundStatus } from './lib/ringtone';

interface DeskRuntime {
  desk: DeskStore;
  phone: Softphone;
  phoneLock: PhoneLock;
  ringtone: Ringtone;
}

const DeskContext = createContext<DeskRuntime | null>(null);

export function DeskRuntimeProvider({ children }: { children: ReactNode }) {
  const { apiFetch } = useWebSession();
  const socket = useLive((state) => state.socket);
  const user = useAuth((state) => state.session?.pair.user ?? null);
  // Built inert during render; the effects below start and stop them with the mount.
  const [runtime] = useState<DeskRuntime>(() => {
    const phone = new Softphone({ fetchCredentials: () => issueSipCredentials(apiFetch) });
    return {
      desk: createDeskStore(),
      phone,
      phoneLock: new PhoneLock({ agentId: user?.agentId ?? user?.id ?? 'unknown', tabId: TAB_ID, startPhone: () => phone.start(), stopPhone: () => phone.stop() }),
      ringtone: new Ringtone(),
    };
  });
  const { desk, phoneLock, ringtone } = runtime;

  useEffect(() => (socket ? desk.getState().attach(socket) : undefined), [desk, socket]);

  useEffect(() => {
    ringtone.open();
    // The phone starts in this tab only if it owns it (or takes it over).
    phoneLock.start();
    return () => {
      ringtone.close();
      void phoneLock.dispose();
    };
  }, [phoneLock, ringtone]);

  return <DeskContext.Provider value={runtime}>{children}</DeskContext.Provider>;
}

function useRuntime(): DeskRuntime {
  const runtime = useContext(DeskContext);
  if (!runtime) throw new Error('Desk hooks must be used inside <DeskRuntimeProvider>.');
  return runtime;
}

export function useDesk<T>(selector: (state: DeskState) => T): T {
  return useStore(useRuntime().desk, selector);
}

export function usePhone(): Softphone {
  return useRuntime().phone;
}

export function usePhoneOwnership(): { state: OwnershipState; useHere(): void } {
  const { phoneLock } = useRuntime();
  const state = useSyncExternalStore(phoneLock.subscribe, phoneLock.getState);
  return { state, useHere: () => phoneLock.useHere() };
}

export function usePhoneState(): SoftphoneState {
  const phone = usePhone();
  return useSyncExternalStore(phone.subscribe, phone.getSnapshot);
}

export function useRingtone(): { ringtone: Ringtone; status: SoundStatus } {
  const { ringtone } = useRuntime();
  const status = useSyncExternalStore(ringtone.subscribe, ringtone.getStatus);
  return { ringtone, status };
}
