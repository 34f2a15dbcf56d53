import type { ScreenPopCustomer } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { customerSourceNote } from './customer-source';

const bob: ScreenPopCustomer = { id: 'c-bob', displayName: 'Bob Smith', phoneNumber: '+14155550102', email: null, accountNumber: '10003', balanceCents: 0, language: 'en', notes: '' };

describe(customerSourceNote.name, () => {
  it('warns that a customer the website declared is not verified', () => {
    expect(customerSourceNote({ customer: bob, customerMatchedBy: 'web-visitor' })).toEqual({
      text: 'Identified by the website (not verified)',
      spoken: expect.stringMatching(/not verified/),
    });
  });

  it('says nothing for a customer found by number, IVR input or agent, or for no customer', () => {
    for (const by of ['caller-number', 'ivr-input', 'agent', null] as const) expect(customerSourceNote({ customer: bob, customerMatchedBy: by })).toBeNull();
    expect(customerSourceNote({ customer: null, customerMatchedBy: 'web-visitor' })).toBeNull();
  });
});
