/**
 * The CRM on the desk: search customers by name, phone, account number or email; open a
 * record to read its latest calls and tickets, edit it, or call the customer. Calling is the
 * desk's business: the panel asks through `onCall`.
 */
import { type Customer, type FieldIssue, UpdateCustomerRequestSchema } from '@ccx/contracts';
import { ApiRequestError } from '@ccx/web-session';
import { type FormEvent, useId, useState } from 'react';
import { useCustomer, useCustomerSearch, useCustomerTickets, useUpdateCustomer } from '../api/customers';

export interface CustomersPanelProps {
  /** Click-to-dial; answers with a problem to show, or null when the call is on its way. */
  onCall(number: string, customerId: string): Promise<string | null>;
}

export function CustomersPanel({ onCall }: CustomersPanelProps) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const results = useCustomerSearch(q ?? '', page);
  const searched = q !== null;

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim());
    setPage(0);
  };

  return (
    <section className="card" aria-labelledby="desk-customers-title">
      <h2 id="desk-customers-title">Customers</h2>
      <form role="search" onSubmit={search} className="desk-row">
        <label>
          Search customers{' '}
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="Name, phone, account or email" />
        </label>
        <button type="submit">Search</button>
      </form>
      {searched && results.isError && <p role="alert">The search failed: {results.error.message}. Try again.</p>}
      {searched && results.data && (
        <>
          <p role="status">{results.data.total === 1 ? '1 customer found' : `${results.data.total} customers found`}</p>
          <ul aria-label="Search results" className="desk-list">
            {results.data.customers.map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => setOpenId(c.id)} aria-pressed={openId === c.id}>
                  {c.displayName}
                </button>{' '}
                {c.phoneNumber ?? ''} {c.accountNumber ? `· account ${c.accountNumber}` : ''}
              </li>
            ))}
          </ul>
          <div className="desk-row">
            {page > 0 && (
              <button type="button" onClick={() => setPage((p) => p - 1)}>
                Previous results
              </button>
            )}
            {results.data.nextOffset !== null && (
              <button type="button" onClick={() => setPage((p) => p + 1)}>
                More results
              </button>
            )}
          </div>
        </>
      )}
      {openId && <CustomerRecord key={openId} id={openId} onCall={onCall} onClose={() => setOpenId(null)} />}
    </section>
  );
}

function CustomerRecord({ id, onCall, onClose }: { id: string; onCall: CustomersPanelProps['onCall']; onClose(): void }) {
  const detail = useCustomer(id);
  const tickets = useCustomerTickets(id);
  const [callProblem, setCallProblem] = useState<string | null>(null);
  if (detail.isPending) return <p role="status">Loading the customer…</p>;
  if (detail.isError) return <p role="alert">Could not open the customer: {detail.error.message}. Search again and retry.</p>;
  const { customer, recentInteractions } = detail.data;
  const call = async () => {
    if (!customer.phoneNumber) return;
    setCallProblem(await onCall(customer.phoneNumber, customer.id));
  };
  return (
    <article className="customer-record" aria-labelledby="customer-record-title">
      <h3 id="customer-record-title">{customer.displayName}</h3>
      <div className="desk-row">
        <button type="button" onClick={() => void call()} disabled={!customer.phoneNumber} title={customer.phoneNumber ? `Call ${customer.phoneNumber}` : 'No phone number on the record'}>
          Call
        </button>
        <button type="button" onClick={onClose}>
          Close record
        </button>
      </div>
      {callProblem && <p role="alert">{callProblem}</p>}
      <p>
        Account {customer.accountNumber ?? 'none'} · balance {(customer.balanceCents / 100).toFixed(2)}
      </p>
      <CustomerForm customer={customer} />
      <h4>Latest calls</h4>
      {recentInteractions.length === 0 ? (
        <p>No calls yet.</p>
      ) : (
        <ul className="desk-list">
          {recentInteractions.map((i) => (
            <li key={i.callId}>
              {new Date(i.startedAt).toLocaleString()} · {i.direction} · {i.disposition ?? 'no disposition'}
            </li>
          ))}
        </ul>
      )}
      <h4>Tickets</h4>
      {tickets.isError && <p role="alert">Could not load the tickets: {tickets.error.message}</p>}
      {tickets.data && tickets.data.tickets.length === 0 && <p>No tickets.</p>}
      {tickets.data && tickets.data.tickets.length > 0 && (
        <ul className="desk-list">
          {tickets.data.tickets.map((t) => (
            <li key={t.id}>
              {t.subject} · {t.status}
              {t.followUpAt ? ` · follow up ${new Date(t.followUpAt).toLocaleDateString()}` : ''}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

const FIELDS = [
  { name: 'displayName', label: 'Name', type: 'text' },
  { name: 'phoneNumber', label: 'Phone', type: 'tel' },
  { name: 'email', label: 'Email', type: 'email' },
  { name: 'language', label: 'Language', type: 'text' },
] as const;
type Draft = Record<(typeof FIELDS)[number]['name'] | 'notes', string>;

function CustomerForm({ customer }: { customer: Customer }) {
  const update = useUpdateCustomer(customer.id);
  const formId = useId();
  const initial: Draft = { displayName: customer.displayName, phoneNumber: customer.phoneNumber ?? '', email: customer.email ?? '', language: customer.language, notes: customer.notes };
  const [draft, setDraft] = useState<Draft>(initial);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saved, setSaved] = useState(false);
  const issue = (field: string) => issues.find((i) => i.path === field)?.message ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // Only what changed is sent; the contract's own schema checks it before it goes.
    const changes = Object.fromEntries(Object.entries(draft).filter(([key, value]) => value !== initial[key as keyof Draft]));
    if (Object.keys(changes).length === 0) return setIssues([{ path: '(root)', message: 'Nothing to save: change a field first.' }]);
    const parsed = UpdateCustomerRequestSchema.safeParse(changes);
    if (!parsed.success) return setIssues(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })));
    try {
      await update.mutateAsync(parsed.data);
      setIssues([]);
      setSaved(true);
    } catch (error) {
      setIssues(error instanceof ApiRequestError && error.error.issues ? error.error.issues : [{ path: '(root)', message: `Not saved: ${error instanceof Error ? error.message : String(error)}. Try again.` }]);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Customer details" className="desk-form">
      {FIELDS.map((field) => {
        const id = `${formId}-${field.name}`;
        const error = issue(field.name);
        return (
          <p key={field.name} className="desk-field">
            <label htmlFor={id}>{field.label}</label>
            <input id={id} type={field.type} value={draft[field.name]} onChange={(e) => setDraft((d) => ({ ...d, [field.name]: e.target.value }))} aria-invalid={error !== null} aria-describedby={error ? `${id}-error` : undefined} />
            {error && (
              <span id={`${id}-error`} className="field-error">
                {error}
              </span>
            )}
          </p>
        );
      })}
      <p className="desk-field">
        <label htmlFor={`${formId}-notes`}>Notes</label>
        <textarea id={`${formId}-notes`} rows={3} value={draft.notes} onChange={(e) => setDraft((d) => ({ ...d, notes: e.target.value }))} aria-invalid={issue('notes') !== null} aria-describedby={issue('notes') ? `${formId}-notes-error` : undefined} />
        {issue('notes') && (
          <span id={`${formId}-notes-error`} className="field-error">
            {issue('notes')}
          </span>
        )}
      </p>
      {issue('(root)') && <p role="alert">{issue('(root)')}</p>}
      {saved && <p role="status">Saved.</p>}
      <button type="submit" disabled={update.isPending}>
        Save changes
      </button>
    </form>
  );
}
