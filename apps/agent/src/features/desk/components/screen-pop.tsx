/**
 * The screen pop: who is calling (CRM record found by number or IVR inputs), VIP, what they
 * did in the IVR, and their recent interactions. Everything shown comes from the validated
 * `agent:offer` payload; React escapes it.
 */
import type { AgentOffer } from '@ccx/contracts';
import { customerSourceNote } from '../domain/customer-source';

const money = (cents: number) => (cents / 100).toLocaleString(undefined, { style: 'currency', currency: 'USD' });

export function ScreenPop({ offer }: { offer: AgentOffer }) {
  const { caller, customer } = offer;
  const inputs = Object.entries(offer.ivr.inputs);
  const source = customerSourceNote(offer);
  return (
    <div className="screen-pop" aria-label="Screen pop" role="group">
      <h3>
        <span data-testid="screen-pop-name">{customer?.displayName ?? (offer.customerPending ? 'Looking up the customer…' : 'Unknown caller')}</span>
        {caller.vip && (
          <span className="badge badge--vip" aria-label="VIP caller">
            VIP
          </span>
        )}
      </h3>
      {source && (
        <p className="screen-pop__source" role="note" aria-label={source.spoken} data-testid="screen-pop-source">
          {source.text}
        </p>
      )}
      <dl className="ccx-details">
        <dt>Number</dt>
        <dd data-testid="screen-pop-number">{caller.number}</dd>
        <dt>Dialed</dt>
        <dd>{caller.dialed}</dd>
        <dt>Queue</dt>
        <dd>{offer.queueName}</dd>
        <dt>Channel</dt>
        <dd>{caller.channel}</dd>
        <dt>Language</dt>
        <dd>{caller.language}</dd>
        {offer.callback && (
          <>
            <dt>Callback</dt>
            <dd>Answering dials the customer</dd>
          </>
        )}
        {customer && (
          <>
            <dt>Account</dt>
            <dd>{customer.accountNumber ?? 'none'}</dd>
            <dt>Balance</dt>
            <dd>{money(customer.balanceCents)}</dd>
            {customer.email && (
              <>
                <dt>Email</dt>
                <dd>{customer.email}</dd>
              </>
            )}
            {customer.notes && (
              <>
                <dt>Notes</dt>
                <dd>{customer.notes}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <h4>IVR path</h4>
      {offer.ivr.path.length === 0 ? (
        <p>The call did not go through the IVR.</p>
      ) : (
        <ol aria-label="IVR path">
          {offer.ivr.path.map((step, i) => (
            <li key={`${step.nodeId}-${i}`}>
              {step.kind} <code>{step.nodeId}</code>
              {step.input !== null && <> · pressed {step.input}</>}
              {step.outcome !== null && <> → {step.outcome}</>}
            </li>
          ))}
        </ol>
      )}
      {inputs.length > 0 && (
        <dl className="ccx-details" aria-label="IVR inputs">
          {inputs.map(([key, value]) => (
            <div key={key} style={{ display: 'contents' }}>
              <dt>{key}</dt>
              <dd>{String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h4>Recent interactions</h4>
      {offer.recentInteractions.length === 0 ? (
        <p>No earlier calls.</p>
      ) : (
        <ul aria-label="Recent interactions">
          {offer.recentInteractions.map((item) => (
            <li key={item.callId}>
              {new Date(item.startedAt).toLocaleString()} · {item.direction} {item.channel} · {item.status}
              {item.talkSeconds !== null && <> · talked {Math.round(item.talkSeconds)} s</>}
              {item.disposition && <> · {item.disposition}</>}
              {item.notes && <> · {item.notes}</>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
