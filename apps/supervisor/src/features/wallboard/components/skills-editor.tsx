/** An agent's skills and levels, edited live: saved, the ACD routes by them from its next decision. */
import type { SkillLevel } from '@ccx/contracts';
import { useState } from 'react';
import { useAgentSkills, useSkillCatalog, useUpdateAgentSkills } from '../api/agent-control';

export function SkillsEditor({ agentId, agentName, onClose }: { agentId: string; agentName: string; onClose: () => void }) {
  const catalog = useSkillCatalog();
  const current = useAgentSkills();
  const have = current.data?.agents.find((a) => a.agentId === agentId)?.skills;
  if (!catalog.data || !have) {
    return (
      <section className="card" aria-label={`Skills of ${agentName}`}>
        <p>{catalog.isError || current.isError ? 'Could not read the skills.' : 'Reading the skills…'}</p>
      </section>
    );
  }
  return <SkillsForm key={agentId} agentId={agentId} agentName={agentName} names={catalog.data.skills.map((s) => s.name)} initial={have} onClose={onClose} />;
}

function SkillsForm({ agentId, agentName, names, initial, onClose }: { agentId: string; agentName: string; names: string[]; initial: SkillLevel[]; onClose: () => void }) {
  const update = useUpdateAgentSkills();
  const [levels, setLevels] = useState<Record<string, number | null>>(() => Object.fromEntries(names.map((n) => [n, initial.find((s) => s.skill === n)?.level ?? null])));
  const save = () => {
    const skills = Object.entries(levels).flatMap(([skill, level]) => (level === null ? [] : [{ skill, level }]));
    update.mutate({ agentId, skills });
  };
  return (
    <section className="card" aria-labelledby="skills-editor-title">
      <h2 id="skills-editor-title">Skills of {agentName}</h2>
      <p className="muted">Levels 1 (novice) to 10 (expert). A change applies to the next call routed.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {names.map((name) => (
          <div key={name} className="skill-row">
            <label>
              <input type="checkbox" checked={levels[name] !== null} onChange={(e) => setLevels({ ...levels, [name]: e.target.checked ? 5 : null })} /> {name}
            </label>
            <label>
              Level of {name}{' '}
              <input
                type="number"
                min={1}
                max={10}
                disabled={levels[name] === null}
                value={levels[name] ?? ''}
                onChange={(e) => setLevels({ ...levels, [name]: Math.min(10, Math.max(1, Number(e.target.value) || 1)) })}
              />
            </label>
          </div>
        ))}
        <button type="submit" disabled={update.isPending}>
          Save skills
        </button>{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
        <p role="status">{update.isSuccess ? `Saved: ${agentName} is routed by these skills from the next call.` : ''}</p>
        {update.isError && <p role="alert">Not saved: {update.error.message}</p>}
      </form>
    </section>
  );
}
