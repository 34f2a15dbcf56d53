/** Skills agents have and queues require: add, rename, remove (refused while a queue requires it). */
import { apiRoutes, type FieldIssue, type Skill, SkillRequestSchema, SkillSchema } from '@ccx/contracts';
import { type FormEvent, useState } from 'react';
import { Field, FormErrors } from '../../../components/field';
import { issueFor, issuesOfError, otherIssues } from '../../../lib/field-issues';
import { useAdminMutation, useSkills, withId } from '../api/admin-api';
import { checkBody } from '../domain/form-check';

function SkillForm({ skill }: { skill?: Skill }) {
  const [name, setName] = useState(skill?.name ?? '');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const save = useAdminMutation(['skills', 'queues', 'users'], (apiFetch, body: unknown) =>
    skill ? apiFetch(withId(apiRoutes.renameSkill.path, skill.id), { method: 'PATCH', body, schema: SkillSchema }) : apiFetch(apiRoutes.createSkill.path, { method: 'POST', body, schema: SkillSchema }),
  );
  const remove = useAdminMutation(['skills', 'users'], (apiFetch, id: string) => apiFetch<void>(withId(apiRoutes.deleteSkill.path, id), { method: 'DELETE' }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkBody(SkillRequestSchema, { name });
    if (!checked.ok) return setIssues(checked.issues);
    save.mutate(checked.body, { onSuccess: () => (skill ? setIssues([]) : (setName(''), setIssues([]))), onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <form className="inline-form" aria-label={skill ? `Skill ${skill.name}` : 'New skill'} onSubmit={submit} noValidate>
      <Field label={skill ? `Name of skill ${skill.name}` : 'New skill name'} error={issueFor(issues, 'name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="row-actions">
        <button type="submit" disabled={save.isPending}>
          {skill ? 'Rename' : 'Add skill'}
        </button>
        {skill && (
          <button type="button" onClick={() => remove.mutate(skill.id, { onError: (e) => setIssues(issuesOfError(e)) })} aria-label={`Remove skill ${skill.name}`}>
            Remove
          </button>
        )}
      </div>
      <FormErrors messages={otherIssues(issues, ['name']).map((i) => i.message)} />
    </form>
  );
}

export function SkillsAdmin() {
  const skills = useSkills();
  return (
    <section aria-labelledby="skills-title">
      <h3 id="skills-title">Skills</h3>
      <SkillForm />
      {skills.data?.skills.map((skill) => <SkillForm key={`${skill.id}-${skill.name}`} skill={skill} />)}
    </section>
  );
}
