/**
 * The supervisor's softphone for stepping into calls: registered (as the supervisor's own SIP
 * user) while the app is open, so a click on Listen, Whisper or Barge only waits for the
 * server to ring it. It answers the call the server rings for the intervention in progress
 * and no other (in whichever of the supervisor's tabs the gateway rang: its latest
 * registration), and hangs up what the server has ended. The store follows the live channel.
 */
import { Softphone, type SoftphoneState } from '@ccx/softphone';
import { useLive, useWebSession } from '@ccx/web-session';
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { issueSipCredentials } from './api/interventions';
import { callToAnswer, callToHangUp } from './domain/intervention-state';
import { useMonitoringStore } from './monitoring.store';

const PhoneContext = createContext<Softphone | null>(null);

export function MonitoringRuntimeProvider({ children }: { children: ReactNode }) {
  const { apiFetch } = useWebSession();
  const socket = useLive((state) => state.socket);
  const attach = useMonitoringStore((s) => s.attach);
  // Built inert during render; started and stopped with the mount.
  const [phone] = useState(() => new Softphone({ fetchCredentials: () => issueSipCredentials(apiFetch) }));

  useEffect(() => (socket ? attach(socket) : undefined), [socket, attach]);

  useEffect(() => {
    void phone.start();
    return () => void phone.stop();
  }, [phone]);

  useEffect(() => {
    const answered = new Set<string>();
    const follow = () => {
      const { calls } = phone.getSnapshot();
      const { intervention } = useMonitoringStore.getState();
      const toAnswer = callToAnswer(calls, intervention);
      if (toAnswer && !answered.has(toAnswer)) {
        answered.add(toAnswer);
        phone.answer(toAnswer).catch(() => undefined);
      }
      const toHangUp = callToHangUp(calls, intervention);
      if (toHangUp) phone.hangUp(toHangUp);
    };
    const unsubscribePhone = phone.subscribe(follow);
    const unsubscribeStore = useMonitoringStore.subscribe(follow);
    return () => {
      unsubscribePhone();
      unsubscribeStore();
    };
  }, [phone]);

  return <PhoneContext.Provider value={phone}>{children}</PhoneContext.Provider>;
}

export function useSupervisorPhoneState(): SoftphoneState {
  const phone = useContext(PhoneContext);
  if (!phone) throw new Error('useSupervisorPhoneState must be used inside <MonitoringRuntimeProvider>.');
  return useSyncExternalStore(phone.subscribe, phone.getSnapshot);
}
