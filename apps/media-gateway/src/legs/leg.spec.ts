import { describe, expect, it } from 'vitest';
import { type LegState, LegStateMachine } from './leg.js';

describe(LegStateMachine.name, () => {
  it('walks new → connecting → connected → closed and reports each move', () => {
    const moves: [LegState, LegState][] = [];
    const sut = new LegStateMachine((to, from) => moves.push([from, to]));
    sut.transition('connecting');
    sut.transition('connected');
    sut.transition('closed', 'media-timeout');
    expect(moves).toEqual([['new', 'connecting'], ['connecting', 'connected'], ['connected', 'closed']]);
    expect(sut.closeReason).toBe('media-timeout');
  });

  it.each<[LegState[], LegState]>([
    [[], 'connected'],
    [['connecting', 'connected'], 'connecting'],
    [['closed'], 'connecting'],
    [['closed'], 'closed'],
  ])('refuses an illegal move after %j: → %s', (path, to) => {
    const sut = new LegStateMachine();
    for (const state of path) sut.transition(state);
    expect(() => sut.transition(to)).toThrow(/not allowed/);
  });

  it('closes with hangup when no reason is given', () => {
    const sut = new LegStateMachine();
    sut.transition('closed');
    expect(sut.closeReason).toBe('hangup');
  });
});
