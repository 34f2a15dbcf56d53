/**
 * The supervisor's intervention as the server last told it: the answer of each request and
 * every `supervisor:intervention` push (parsed with the contract). The newest state wins by
 * a simple rule (`domain/intervention-state.ts`), since a push and an answer may cross.
 */
import { type Intervention, InterventionSchema } from '@ccx/contracts';
import type { LiveSocket } from '@ccx/web-session';
import { create } from 'zustand';
import { nextIntervention } from './domain/intervention-state';

export interface MonitoringState {
  intervention: Intervention | null;
  received(intervention: Intervention): void;
  /** Forget an ended intervention (the bar's Close). */
  dismiss(): void;
  attach(socket: LiveSocket): () => void;
}

export const useMonitoringStore = create<MonitoringState>()((set, get) => ({
  intervention: null,
  received(intervention) {
    set({ intervention: nextIntervention(get().intervention, intervention) });
  },
  dismiss() {
    if (get().intervention?.state === 'ended') set({ intervention: null });
  },
  attach(socket) {
    const receive = (payload: unknown) => {
      const parsed = InterventionSchema.safeParse(payload);
      if (parsed.success) get().received(parsed.data);
    };
    socket.on('supervisor:intervention', receive);
    return () => {
      socket.off('supervisor:intervention', receive);
    };
  },
}));
