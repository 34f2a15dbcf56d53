/**
 * Prompts: upload a WAV under a name, or type a text and its language for text-to-speech;
 * listen to either (the audio is fetched with the bearer token and played by an `<audio>`);
 * delete (refused by the server while a published flow plays the file). Each row shows what
 * a flow writes to play it.
 */
import {
  apiRoutes,
  CreateSpeechPromptRequestSchema,
  type FieldIssue,
  FLOW_LANGUAGES,
  type FlowLanguage,
  type PromptRecord,
  PromptRecordSchema,
  UploadWavPromptQuerySchema,
} from '@ccx/contracts';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Field, FormErrors } from '../../../components/field';
import { issueFor, issuesOfError, otherIssues } from '../../../lib/field-issues';
import { useAdminMutation, usePromptAudio, usePrompts, withId } from '../api/admin-api';
import { checkBody } from '../domain/form-check';
import { fileProblem, flowReferenceText, formatPromptDuration, suggestPromptName } from '../domain/prompt-form';

const LANGUAGE_LABELS: Record<FlowLanguage, string> = { en: 'English', zh: 'Mandarin Chinese' };

function UploadWav() {
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const upload = useAdminMutation(['prompts'], (apiFetch, body: { name: string; file: File }) =>
    apiFetch(`${apiRoutes.uploadWavPrompt.path}?name=${encodeURIComponent(body.name)}`, {
      method: 'POST',
      // Sent as the file itself; whatever type the browser guessed, the server reads a WAV.
      body: new Blob([body.file], { type: 'audio/wav' }),
      schema: PromptRecordSchema,
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkBody(UploadWavPromptQuerySchema, { name });
    const problem = fileProblem(file);
    const found = [...(checked.ok ? [] : checked.issues), ...(problem ? [{ path: 'file', message: problem }] : [])];
    if (found.length > 0 || !checked.ok || !file) return setIssues(found);
    upload.mutate(
      { name: checked.body.name, file },
      {
        onSuccess: () => {
          setName('');
          setFile(null);
          setIssues([]);
          if (input.current) input.current.value = '';
        },
        onError: (e) => setIssues(issuesOfError(e)),
      },
    );
  };
  return (
    <form className="inline-form" aria-label="Upload a recorded prompt" onSubmit={submit} noValidate>
      <Field label="WAV file" hint="Up to 10 MB and 10 minutes; any rate, played to callers as 8 kHz mono" error={issueFor(issues, 'file')}>
        <input
          ref={input}
          type="file"
          accept=".wav,audio/wav,audio/x-wav,audio/wave"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            if (chosen && name === '') setName(suggestPromptName(chosen.name));
          }}
        />
      </Field>
      <Field label="Name of the recorded prompt" hint="Flows play it as name.wav" error={issueFor(issues, 'name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <button type="submit" disabled={upload.isPending}>
        {upload.isPending ? 'Uploading…' : 'Upload'}
      </button>
      <FormErrors messages={otherIssues(issues, ['name', 'file']).map((i) => i.message)} />
    </form>
  );
}

function CreateSpeech() {
  const empty = { name: '', text: '', language: 'en' as FlowLanguage };
  const [draft, setDraft] = useState(empty);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const create = useAdminMutation(['prompts'], (apiFetch, body: unknown) => apiFetch(apiRoutes.createSpeechPrompt.path, { method: 'POST', body, schema: PromptRecordSchema }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkBody(CreateSpeechPromptRequestSchema, draft);
    if (!checked.ok) return setIssues(checked.issues);
    create.mutate(checked.body, { onSuccess: () => (setDraft(empty), setIssues([])), onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <form className="inline-form" aria-label="New text-to-speech prompt" onSubmit={submit} noValidate>
      <Field label="Name of the speech prompt" error={issueFor(issues, 'name')}>
        <input value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
      </Field>
      <Field label="Text to speak" error={issueFor(issues, 'text')}>
        <textarea rows={2} value={draft.text} onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))} />
      </Field>
      <Field label="Language" error={issueFor(issues, 'language')}>
        <select value={draft.language} onChange={(e) => setDraft((d) => ({ ...d, language: e.target.value as FlowLanguage }))}>
          {FLOW_LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {LANGUAGE_LABELS[language]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create speech prompt'}
      </button>
      <FormErrors messages={otherIssues(issues, ['name', 'text', 'language']).map((i) => i.message)} />
    </form>
  );
}

function PromptPlayer({ prompt }: { prompt: PromptRecord }) {
  const audio = usePromptAudio(prompt.id, true);
  const url = useMemo(() => (audio.data ? URL.createObjectURL(audio.data) : null), [audio.data]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  if (audio.isError) return <FormErrors messages={[audio.error.message]} />;
  if (!url) return <span role="status">Loading audio…</span>;
  // Asked for by a click, so it starts at once; the controls replay, pause and seek.
  return <audio controls autoPlay src={url} aria-label={`Audio of ${prompt.name}`} />;
}

function PromptRow({ prompt }: { prompt: PromptRecord }) {
  const [listening, setListening] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const remove = useAdminMutation(['prompts'], (apiFetch, _: null) => apiFetch<void>(withId(apiRoutes.deletePrompt.path, prompt.id), { method: 'DELETE' }));
  const confirmDelete = () => {
    if (!window.confirm(`Delete the prompt ${prompt.name}? Flows that name it will no longer play it.`)) return;
    remove.mutate(null, { onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <tr>
      <th scope="row">{prompt.name}</th>
      <td>{prompt.kind === 'wav' ? 'Recorded (WAV)' : 'Text to speech'}</td>
      <td>{prompt.kind === 'speech' ? `${LANGUAGE_LABELS[prompt.language ?? 'en']}: ${prompt.text ?? ''}` : prompt.fileName}</td>
      <td>{formatPromptDuration(prompt.durationMs)}</td>
      <td>
        <code>{flowReferenceText(prompt)}</code>
      </td>
      <td>
        <div className="row-actions">
          <button type="button" onClick={() => setListening(true)} aria-label={`Listen to ${prompt.name}`}>
            Listen
          </button>
          <button type="button" onClick={confirmDelete} disabled={remove.isPending} aria-label={`Delete ${prompt.name}`}>
            Delete
          </button>
        </div>
        {listening && <PromptPlayer prompt={prompt} />}
        <FormErrors messages={issues.map((i) => i.message)} />
      </td>
    </tr>
  );
}

export function PromptsAdmin() {
  const prompts = usePrompts();
  return (
    <section aria-labelledby="prompts-title">
      <h3 id="prompts-title">Prompts</h3>
      <p className="hint">
        A flow plays a recorded prompt with <code>{'{"file": "name.wav"}'}</code> and speaks a text with <code>{'{"say": "text"}'}</code> under the language it is in, e.g.{' '}
        <code>{'"prompt": {"en": {"file": "greeting.wav"}}'}</code>.
      </p>
      <UploadWav />
      <CreateSpeech />
      <table aria-labelledby="prompts-title">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">File or language and text</th>
            <th scope="col">Duration</th>
            <th scope="col">In a flow</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {prompts.data?.prompts.map((prompt) => (
            <PromptRow key={prompt.id} prompt={prompt} />
          ))}
        </tbody>
      </table>
      {prompts.data?.prompts.length === 0 && <p>No prompts yet.</p>}
      {prompts.isError && <FormErrors messages={[prompts.error.message]} />}
    </section>
  );
}
