/**
 * The agent's desk after login: state, softphone, the ringing call with its screen pop, the
 * call in hand, and the keyboard shortcuts. The live channel stays open while it is mounted.
 */
import { LiveChannelDetails, SessionHeader, useAuth, useLiveChannel, useMe } from '@ccx/web-session';
import { CustomersPanel } from '../../crm/components/customers-panel';
import { HistoryPanel } from '../../history/components/history-panel';
import { SupervisorMessages } from '../../messages/components/supervisor-messages';
import { useDesk } from '../desk-runtime';
import { DeskRuntimeProvider } from '../desk-runtime';
import { useCallActions } from '../use-call-actions';
import { CallPanel } from './call-panel';
import { ShortcutHelp, useKeyboardShortcuts } from './keyboard-shortcuts';
import { PhonePanel, SoundPrompt } from './phone-panel';
import { RingingPanel } from './ringing-panel';
import { StatusPanel } from './status-panel';
import { WrapUpPanel } from './wrap-up-panel';
import './desk.css';

export function DeskPage() {
  useLiveChannel();
  const tokenUser = useAuth((state) => state.session?.pair.user ?? null);
  const me = useMe();
  const user = me.data ?? tokenUser;

  return (
    <>
      <SessionHeader />
      <main className="page desk">
        <h1>Welcome, {user?.displayName}</h1>
        <SupervisorMessages />
        {me.isError && <p role="alert">Could not confirm your account with the server: {me.error.message}</p>}
        <DeskRuntimeProvider>
          <Desk />
        </DeskRuntimeProvider>
        <section className="card" aria-labelledby="agent-live-title">
          <h2 id="agent-live-title">Connection</h2>
          <LiveChannelDetails />
        </section>
      </main>
    </>
  );
}

function Desk() {
  const actions = useCallActions();
  useKeyboardShortcuts(actions);
  const dial = useDesk((state) => state.dial);
  // Click-to-dial from a customer record: the server rings this agent's phone, then the customer.
  const call = async (number: string, customerId: string) => {
    const outcome = await dial({ number, customerId });
    return outcome.ok ? null : `The call did not start: ${outcome.error.message}`;
  };
  return (
    <>
      <SoundPrompt />
      <StatusPanel />
      <RingingPanel actions={actions} />
      <CallPanel actions={actions} />
      <WrapUpPanel />
      <PhonePanel />
      <CustomersPanel onCall={call} />
      <HistoryPanel />
      <ShortcutHelp />
    </>
  );
}
