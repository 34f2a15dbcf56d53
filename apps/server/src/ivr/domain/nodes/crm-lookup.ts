import { type CrmCustomer } from '../runner-types.js';
import { goTo, type NodeHandler, type RunContext, WAIT } from './node-handler.js';

/**
 * Asks the adapter to find the customer: by the caller's number, by an account number, or
 * by account and PIN (`verifyPin`; the adapter checks the hash). A caller without a number
 * or an empty account is not found without asking.
 */
export const crmLookupNode: NodeHandler<'crmLookup'> = {
  enter(node, run) {
    run.phase = 'lookup';
    if (node.by === 'caller') {
      const caller = run.render('{{caller}}');
      if (caller === '') return goTo(node.notFound, 'no caller number');
      run.request({ type: 'crmLookup', by: 'caller', value: caller });
      return WAIT;
    }
    const account = run.render(node.account ?? '{{digits}}').trim();
    if (account === '') return goTo(node.notFound, 'no account number');
    if (node.pin !== undefined) run.request({ type: 'verifyPin', accountNumber: account, pin: run.render(node.pin).trim() });
    else run.request({ type: 'crmLookup', by: 'account', value: account });
    return WAIT;
  },
  resume(node, run, event) {
    if (event.type !== 'crmResult') return WAIT;
    if (!event.customer) {
      run.step({ outcome: 'not-found' });
      return goTo(node.notFound);
    }
    setCustomer(run, event.customer);
    run.step({ outcome: 'found' });
    return goTo(node.found);
  },
};

/** Found customers fill `customer.*`; a failed lookup leaves an earlier match in place. */
function setCustomer(run: RunContext, customer: CrmCustomer): void {
  run.set('customer.found', true);
  run.set('customer.id', customer.id);
  run.set('customer.name', customer.displayName);
  run.set('customer.accountNumber', customer.accountNumber);
  run.set('customer.phoneNumber', customer.phoneNumber);
  run.set('customer.balanceCents', customer.balanceCents);
  run.set('customer.language', customer.language);
}
