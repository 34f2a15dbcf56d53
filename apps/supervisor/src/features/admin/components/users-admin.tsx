/** Users and roles: list, create, change role, deactivate/reactivate, an agent's skills and levels. */
import { apiRoutes, CreateUserRequestSchema, type FieldIssue, type Role, ROLES, type User, UserSchema, UpdateUserRequestSchema } from '@ccx/contracts';
import { ROLE_LABELS } from '@ccx/web-session';
import { type FormEvent, useState } from 'react';
import { Field, FormErrors } from '../../../components/field';
import { issueFor, issuesOfError, otherIssues } from '../../../lib/field-issues';
import { useAdminMutation, useUsers, withId } from '../api/admin-api';
import { checkBody } from '../domain/form-check';
import { formatSkillLevels, parseSkillLevels } from '../domain/skill-levels';

const CREATE_FIELDS = ['username', 'displayName', 'role', 'password', 'extension', 'skills'];

function CreateUserForm() {
  const empty = { username: '', displayName: '', role: 'agent' as Role, password: '', extension: '', skills: '' };
  const [draft, setDraft] = useState(empty);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const create = useAdminMutation(['users'], (apiFetch, body: unknown) => apiFetch(apiRoutes.createUser.path, { method: 'POST', body, schema: UserSchema }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const isAgent = draft.role === 'agent';
    const checked = checkBody(CreateUserRequestSchema, {
      username: draft.username,
      displayName: draft.displayName,
      role: draft.role,
      password: draft.password,
      extension: isAgent && draft.extension.trim() ? draft.extension.trim() : undefined,
      skills: isAgent && draft.skills.trim() ? parseSkillLevels(draft.skills) : undefined,
    });
    if (!checked.ok) return setIssues(checked.issues);
    setIssues([]);
    create.mutate(checked.body, { onSuccess: () => setDraft(empty), onError: (error) => setIssues(issuesOfError(error)) });
  };
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  return (
    <form className="inline-form" aria-label="New user" onSubmit={submit} noValidate>
      <Field label="Username" error={issueFor(issues, 'username')}>
        <input value={draft.username} onChange={set('username')} autoComplete="off" />
      </Field>
      <Field label="Display name" error={issueFor(issues, 'displayName')}>
        <input value={draft.displayName} onChange={set('displayName')} />
      </Field>
      <Field label="Role" error={issueFor(issues, 'role')}>
        <select value={draft.role} onChange={set('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Initial password" error={issueFor(issues, 'password')}>
        <input type="password" value={draft.password} onChange={set('password')} autoComplete="new-password" />
      </Field>
      {draft.role === 'agent' && (
        <>
          <Field label="Extension" hint="Empty: the next free one" error={issueFor(issues, 'extension')}>
            <input value={draft.extension} onChange={set('extension')} inputMode="numeric" />
          </Field>
          <Field label="Skills and levels" hint="e.g. Support:7, Sales:3 (levels 1–10)" error={issueFor(issues, 'skills', true)}>
            <input value={draft.skills} onChange={set('skills')} />
          </Field>
        </>
      )}
      <FormErrors messages={otherIssues(issues, CREATE_FIELDS).map((i) => i.message)} />
      <button type="submit" disabled={create.isPending}>
        Create user
      </button>
    </form>
  );
}

function UserRow({ user }: { user: User }) {
  const [skills, setSkills] = useState(formatSkillLevels(user.skills));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const update = useAdminMutation(['users'], (apiFetch, body: unknown) => apiFetch(withId(apiRoutes.updateUser.path, user.id), { method: 'PATCH', body, schema: UserSchema }));
  const send = (changes: Record<string, unknown>) => {
    const checked = checkBody(UpdateUserRequestSchema, changes);
    if (!checked.ok) return setIssues(checked.issues);
    setIssues([]);
    update.mutate(checked.body, { onError: (error) => setIssues(issuesOfError(error)) });
  };
  return (
    <tr>
      <td>{user.username}</td>
      <td>{user.displayName}</td>
      <td>
        <Field label={`Role of ${user.username}`} error={issueFor(issues, 'role')}>
          <select value={user.role} onChange={(e) => send({ role: e.target.value })} disabled={update.isPending}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
      </td>
      <td>{user.extension ?? '–'}</td>
      <td>
        {user.agentId ? (
          <form
            className="row-actions"
            aria-label={`Skills of ${user.username}`}
            onSubmit={(e) => {
              e.preventDefault();
              send({ skills: parseSkillLevels(skills) });
            }}
          >
            <Field label={`Skills of ${user.username}`} error={issueFor(issues, 'skills', true)}>
              <input value={skills} onChange={(e) => setSkills(e.target.value)} />
            </Field>
            <button type="submit" disabled={update.isPending}>
              Save skills
            </button>
          </form>
        ) : (
          '–'
        )}
      </td>
      <td>
        {user.active ? 'active' : 'deactivated'}
        <button type="button" onClick={() => send({ active: !user.active })} disabled={update.isPending} aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.username}`}>
          {user.active ? 'Deactivate' : 'Reactivate'}
        </button>
        <FormErrors messages={otherIssues(issues, ['role', 'skills']).map((i) => i.message)} />
      </td>
    </tr>
  );
}

export function UsersAdmin() {
  const users = useUsers();
  return (
    <section aria-labelledby="users-title">
      <h3 id="users-title">Users and roles</h3>
      <CreateUserForm />
      {users.isError && <p role="alert">The users could not be loaded: {users.error.message}</p>}
      <table aria-labelledby="users-title">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Extension</th>
            <th scope="col">Skills (level 1–10)</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.users.map((user) => (
            <UserRow key={`${user.id}-${user.updatedAt}`} user={user} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
