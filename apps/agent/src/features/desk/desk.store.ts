/**
 * The desk's client state: the agent's ACD state, the offer ringing them and the call they
 * are in, as the server pushes them on the live channel to every tab of the agent (every
 * payload parsed with the contracts' schemas), and the agent's requests: state changes and
 * call control (transfer, consult, wrap-up, dial). Server data fetched over REST stays in
 * the query cache, not here.
 */
import {
  type AgentCallView,
  AgentCallViewSchema,
  type AgentOffer,
  AgentOfferCustomerSchema,
  AgentOfferEndedSchema,
  AgentOfferSchema,
  type AgentStateView,
  AgentStateViewSchema,
  type ApiError,
  type CallConsultAction,
  type CallDial,
  type CallTransferRequest,
  type CallWrapUp,
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
  /** The call this agent is in, as the server sees it (`agent:call`); null when none. */
  call: AgentCallView | null;
  /** A refused request or a malformed push, in words for the agent. */
  problem: string | null;
  requestState(request: SetAgentState): Promise<void>;
  /** Call control: each answers with the server's refusal, if any, for the form that asked. */
  transfer(request: CallTransferRequest): Promise<CallRequestOutcome>;
  consult(request: CallConsultAction): Promise<CallRequestOutcome>;
  wrapUp(request: CallWrapUp): Promise<CallRequestOutcome>;
  dial(request: CallDial): Promise<CallRequestOutcome>;
  /** The agent answered the offer: its screen pop stays while the call lasts. */
  offerAnswered(): void;
  /** Listens to `socket`; returns the detach. */
  attach(socket: LiveSocket): () => void;
}

export type DeskStore = StoreApi<DeskState>;

/** What came of a call-control request: done, or the server's error (with field issues). */
export type CallRequestOutcome = { ok: true } | { ok: false; error: ApiError };

const NOT_CONNECTED: ApiError = { code: 'desk/not-connected', message: 'Not connected to the server; check your network and try again in a moment.' };
const NO_ANSWER: ApiError = { code: 'desk/no-answer', message: 'The server did not answer in time; try again.' };
const ACK_TIMEOUT_MS = 10_000;

/** An `agent:call` view worth keeping: `ended` means there is nothing more to show. */
export function keptCall(view: AgentCallView): AgentCallView | null {
  return view.phase === 'ended' ? null : view;
}

export function createDeskStore(): DeskStore {
  let socket: LiveSocket | null = null;
  return createStore<DeskState>()((set, get) => ({
    agentState: null,
    offer: null,
    screenPop: null,
    call: null,
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

    async transfer(request) {
      if (!socket?.connected) return { ok: false, error: NOT_CONNECTED };
      const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('call:transfer', request).catch(() => null);
      return outcomeOf(reply);
    },

    async consult(request) {
      if (!socket?.connected) return { ok: false, error: NOT_CONNECTED };
      const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('call:consult', request).catch(() => null);
      if (reply?.ok) {
        const parsed = AgentCallViewSchema.safeParse(reply.data);
        if (parsed.success) set({ call: keptCall(parsed.data) });
      }
      return outcomeOf(reply);
    },

    async wrapUp(request) {
      if (!socket?.connected) return { ok: false, error: NOT_CONNECTED };
      const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('call:wrapUp', request).catch(() => null);
      if (reply?.ok) {
        // Wrap-up done: the agent's new state comes back; the call is over for this desk.
        const parsed = AgentStateViewSchema.safeParse(reply.data);
        const call = get().call;
        set({
          ...(parsed.success ? { agentState: parsed.data } : {}),
          call: call?.callId === request.callId ? null : call,
          screenPop: get().screenPop?.callId === request.callId ? null : get().screenPop,
        });
      }
      return outcomeOf(reply);
    },

    async dial(request) {
      if (!socket?.connected) return { ok: false, error: NOT_CONNECTED };
      const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('call:dial', request).catch(() => null);
      return outcomeOf(reply);
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
      const onCall = (payload: unknown) => {
        const parsed = AgentCallViewSchema.safeParse(payload);
        if (!parsed.success) return set({ problem: 'The server sent a call update the desk cannot read.' });
        const held = get().call;
        // The end of some other call does not clear the one in hand.
        if (held && held.callId !== parsed.data.callId && parsed.data.phase === 'ended') return;
        set({ call: keptCall(parsed.data) });
      };
      current.on('agent:state', onState);
      current.on('agent:call', onCall);
      current.on('agent:offer', onOffer);
      current.on('agent:offerCustomer', onOfferCustomer);
      current.on('agent:offerEnded', onOfferEnded);
      return () => {
        current.off('agent:state', onState);
        current.off('agent:call', onCall);
        current.off('agent:offer', onOffer);
        current.off('agent:offerCustomer', onOfferCustomer);
        current.off('agent:offerEnded', onOfferEnded);
        if (socket === current) socket = null;
      };
    },
  }));
}

function outcomeOf(reply: { ok: true } | { ok: false; error: ApiError } | null): CallRequestOutcome {
  if (!reply) return { ok: false, error: NO_ANSWER };
  return reply.ok ? { ok: true } : { ok: false, error: reply.error };
}
