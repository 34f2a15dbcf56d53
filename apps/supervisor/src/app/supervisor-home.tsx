/** The page after login: header, live channel, the section navigation and the open section. Composes features. */
import { SessionHeader, useAuth, useLiveChannel } from '@ccx/web-session';
import { useEffect, useState } from 'react';
import { AdminPage } from '../features/admin/components/admin-page';
import { AuditPage } from '../features/audit/components/audit-page';
import { CallLogPage } from '../features/call-log/components/call-log-page';
import { InterventionBar } from '../features/monitoring/components/intervention-bar';
import { PhoneStatus } from '../features/monitoring/components/phone-status';
import { StepIn } from '../features/monitoring/components/step-in';
import { MonitoringRuntimeProvider } from '../features/monitoring/monitoring-runtime';
import { WallboardPage } from '../features/wallboard/components/wallboard-page';
import { useWallboardFeed } from '../features/wallboard/hooks/use-wallboard-feed';
import { sectionFromHash, sectionsFor, type SectionId } from './sections';

function useSection(role: string | null): SectionId {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return sectionFromHash(hash, role);
}

export function SupervisorHome() {
  useLiveChannel();
  // The wallboard follows the live channel all session, so it is current whenever it is opened.
  useWallboardFeed();
  const role = useAuth((state) => state.session?.pair.user.role ?? null);
  const section = useSection(role);
  return (
    // The supervisor's own phone, for stepping into calls, is registered while the app is open.
    <MonitoringRuntimeProvider>
      <SessionHeader />
      <nav aria-label="Sections" className="sections">
        {sectionsFor(role).map((s) => (
          <a key={s.id} href={`#/${s.id}`} aria-current={s.id === section ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
        <PhoneStatus />
      </nav>
      <InterventionBar />
      <main className="page">
        {section === 'wallboard' && <WallboardPage callActions={(call) => <StepIn callId={call.callId} agentName={call.agentName} />} />}
        {section === 'calls' && <CallLogPage />}
        {section === 'audit' && <AuditPage />}
        {section === 'admin' && <AdminPage />}
      </main>
    </MonitoringRuntimeProvider>
  );
}
