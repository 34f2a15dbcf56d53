/**
 * The administrator's screens, one panel at a time: users and roles, skills, queues,
 * not-ready reasons and dispositions, business hours, caller lists, IVR flows, prompts. Every write
 * goes through the admin REST API (audited, live at once); its field errors show beside the
 * fields.
 */
import { useState } from 'react';
import { CallerListsAdmin } from './caller-lists-admin';
import { CodesAdmin } from './codes-admin';
import { FlowsAdmin } from './flows-admin';
import { HoursAdmin } from './hours-admin';
import { PromptsAdmin } from './prompts-admin';
import { QueuesAdmin } from './queues-admin';
import { SkillsAdmin } from './skills-admin';
import { UsersAdmin } from './users-admin';
import './admin.css';

const PANELS = [
  { id: 'users', label: 'Users and roles', render: () => <UsersAdmin /> },
  { id: 'skills', label: 'Skills', render: () => <SkillsAdmin /> },
  { id: 'queues', label: 'Queues', render: () => <QueuesAdmin /> },
  { id: 'codes', label: 'Reasons and dispositions', render: () => <CodesAdmin /> },
  { id: 'hours', label: 'Business hours', render: () => <HoursAdmin /> },
  { id: 'lists', label: 'VIP list and blacklist', render: () => <CallerListsAdmin /> },
  { id: 'flows', label: 'IVR flows', render: () => <FlowsAdmin /> },
  { id: 'prompts', label: 'Prompts', render: () => <PromptsAdmin /> },
] as const;

type PanelId = (typeof PANELS)[number]['id'];

export function AdminPage() {
  const [panel, setPanel] = useState<PanelId>('users');
  const current = PANELS.find((p) => p.id === panel) ?? PANELS[0];
  return (
    <section className="card admin" aria-labelledby="admin-title">
      <h2 id="admin-title">Administration</h2>
      <nav aria-label="Administration" className="admin-nav">
        {PANELS.map((p) => (
          <button key={p.id} type="button" aria-current={p.id === panel ? 'page' : undefined} onClick={() => setPanel(p.id)}>
            {p.label}
          </button>
        ))}
      </nav>
      <div className="admin-panel">{current.render()}</div>
    </section>
  );
}
