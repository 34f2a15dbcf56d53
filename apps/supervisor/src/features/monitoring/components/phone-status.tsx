/** The supervisor's own phone, in a word: stepping into a call needs it registered. */
import { useSupervisorPhoneState } from '../monitoring-runtime';

export function PhoneStatus() {
  const phone = useSupervisorPhoneState();
  const label = phone.registration === 'registered' ? 'ready' : phone.registration === 'registering' || phone.connection === 'connecting' ? 'connecting…' : 'not connected';
  return (
    <p className="phone-status muted" data-testid="supervisor-phone" data-registration={phone.registration}>
      Your phone: <strong>{label}</strong>
      {phone.problem && <span> ({phone.problem})</span>}
    </p>
  );
}
