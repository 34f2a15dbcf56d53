/**
 * The desk's client state: the agent's ACD state and the offer ringing them, as the server
 * pushes them on the live channel (every payload parsed with the contracts' schemas), and the
 * agent's state requests. Server data fetched over REST stays in the query cache, not here.
 */
import {
  type AgentOffer,
  AgentOfferCustomerSchema,
  AgentOfferEndedSchema,
  AgentOfferSchema,
  type AgentStateView,
  AgentStateViewSchema,
  type SetAgentState,
} from '@ccx/contracts';
import type { LiveSocket } from '@ccx/web-session';
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface DeskState {
  agentState: AgentStateView | null;
  /** The offer ringing now (null once answered, rejected, timed out or withdrawn). */
  offer: AgentOffer | null;
  /** The screen pop of the call in hand: kept after the answer until the next offer. */
  screenPop: AgentOffer | null;
  /** A refused request or a malformed push, in words for the agent. */
  problem: string | null;
  requestState(request: SetAgentState): Promise<void>;
  /** The agent answered the offer: its screen pop stays while the call lasts. */
  offerAnswered(): void;
  /** Listens to `socket`; returns the detach. */
  attach(socket: LiveSocket): () => void;
}

export type DeskStore = StoreApi<DeskState>;

export function createDeskStore(): DeskStore {
  let socket: LiveSocket | null = null;
  return createStore<DeskState>()((set, get) => ({
    agentState: null,
    offer: null,
    screenPop: null,
    problem: null,

    async requestState(request) {
      if (!socket?.connected) {
        set({ problem: 'Not connected to the server; try again in a moment.' });
        return;
      }
      const reply = await socket.timeout(10_000).emitWithAck('agent:setState', request).catch(() => null);
      if (!reply) set({ problem: 'The server did not answer the state change.' });
      else if (!reply.ok) set({ problem: reply.error.message });
      else {
        const parsed = AgentStateViewSchema.safeParse(reply.data);
        if (parsed.success) set({ agentState: parsed.data, problem: null });
      }
    },

    offerAnswered() {
      const offer = get().offer;
      if (offer) set({ screenPop: offer, offer: null });
    },

    attach(current) {
      socket = current;
      const onState = (payload: unknown) => {
        const parsed = AgentStateViewSchema.safeParse(payload);
        if (!parsed.success) return set({ problem: 'The server sent an agent state the desk cannot read.' });
        set({ agentState: parsed.data });
      };
      const onOffer = (payload: unknown) => {
        const parsed = AgentOfferSchema.safeParse(payload);
        if (!parsed.success) return set({ problem: 'The server sent an offer the desk cannot read.' });
        set({ offer: parsed.data, screenPop: parsed.data });
      };
      // The CRM part of an offer that rang before it was read: merged into the ringing offer
      // and the screen pop, if they are still that offer's.
      const onOfferCustomer = (payload: unknown) => {
        const parsed = AgentOfferCustomerSchema.safeParse(payload);
        if (!parsed.success) return;
        const { offerId, customer, recentInteractions } = parsed.data;
        const fill = (held: AgentOffer | null) => (held?.offerId === offerId ? { ...held, customer, recentInteractions, customerPending: false } : held);
        set({ offer: fill(get().offer), screenPop: fill(get().screenPop) });
      };
      const onOfferEnded = (payload: unknown) => {
        const parsed = AgentOfferEndedSchema.safeParse(payload);
        if (!parsed.success || get().offer?.offerId !== parsed.data.offerId) return;
        // Answered: the screen pop stays with the call; otherwise it goes with the ringing.
        set(parsed.data.reason === 'answered' ? { offer: null } : { offer: null, screenPop: null });
      };
      current.on('agent:state', onState);
      current.on('agent:offer', onOffer);
      current.on('agent:offerCustomer', onOfferCustomer);
      current.on('agent:offerEnded', onOfferEnded);
      return () => {
        current.off('agent:state', onState);
        current.off('agent:offer', onOffer);
        current.off('agent:offerCustomer', onOfferCustomer);
        current.off('agent:offerEnded', onOfferEnded);
        if (socket === current) socket = null;
      };
    },
  }));
}
