import { describe, expect, it } from 'vitest';
import { IllegalCallTransition, isConnected, isOnHold, newCall, transition } from './call-state';

const ringing = () => newCall({ id: 'c1', direction: 'incoming', remoteNumber: '+14155550102', at: 1000 });

describe('call state', () => {
  it('takes an incoming call through answer, hold, resume and hang up', () => {
    let call = transition(ringing(), { type: 'answer' });
    expect(call.phase).toBe('connecting');
    call = transition(call, { type: 'established', at: 2000 });
    expect(call).toMatchObject({ phase: 'active', answeredAt: 2000 });
    expect(isConnected(call)).toBe(true);
    call = transition(transition(call, { type: 'hold' }), { type: 'held' });
    expect(isOnHold(call)).toBe(true);
    call = transition(transition(call, { type: 'resume' }), { type: 'resumed' });
    expect(call.phase).toBe('active');
    call = transition(call, { type: 'ended', at: 9000, reason: 'hung-up' });
    expect(call).toMatchObject({ phase: 'ended', endedAt: 9000, endReason: 'hung-up' });
  });

  it('goes back when a hold re-INVITE is refused', () => {
    const active = transition(transition(ringing(), { type: 'answer' }), { type: 'established', at: 2 });
    expect(transition(transition(active, { type: 'hold' }), { type: 'reinvite-failed' }).phase).toBe('active');
  });

  it('refuses moves the diagram does not have', () => {
    expect(() => transition(ringing(), { type: 'hold' })).toThrow(IllegalCallTransition);
    const ended = transition(ringing(), { type: 'ended', at: 5, reason: 'rejected' });
    expect(() => transition(ended, { type: 'answer' })).toThrow(IllegalCallTransition);
  });

  it('ends only once (a late BYE after reject keeps the first reason)', () => {
    const ended = transition(ringing(), { type: 'ended', at: 5, reason: 'rejected' });
    expect(transition(ended, { type: 'ended', at: 6, reason: 'remote-hung-up' })).toBe(ended);
  });

  it('connects an outgoing call when it is established', () => {
    const call = newCall({ id: 'c2', direction: 'outgoing', remoteNumber: '1001', at: 0 });
    expect(transition(call, { type: 'established', at: 3 }).phase).toBe('active');
  });
});
