/**
 * The agent's desk after login: state, softphone, the ringing call with its screen pop, the
 * call in hand, and the keyboard shortcuts. The live channel stays open while it is mounted.
 */
import { LiveChannelDetails, SessionHeader, useAuth, useLiveChannel, useMe } from '@ccx/web-session';
import { DeskRuntimeProvider } from '../desk-runtime';
import { useCallActions } from '../use-call-actions';
import { CallPanel } from './call-panel';
import { ShortcutHelp, useKeyboardShortcuts } from './keyboard-shortcuts';
import { PhonePanel, SoundPrompt } from './phone-panel';
import { RingingPanel } from './ringing-panel';
import { StatusPanel } from './status-panel';
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
  return (
    <>
      <SoundPrompt />
      <StatusPanel />
      <RingingPanel actions={actions} />
      <CallPanel actions={actions} />
      <PhonePanel />
      <ShortcutHelp />
    </>
  );
}
