import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiError, type IvrFlowDetail, MAX_PROMPT_BYTES, PromptErrorCode, type PromptList, type PromptRecord, type TokenPair } from '@ccx/contracts';
import { decodePcm16Wav, decodeWav } from '@ccx/media-gateway/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, availableBackends, bootServer, type TestServer } from './harness.js';

/**
 * The administrator's prompts (issue 6 point 5): a WAV uploaded as the request body lands
 * in the prompts folder where flows play it, a text becomes speech by the gateway's own
 * synthesizer, both can be listened to, bad uploads are refused with their own code and
 * leave nothing behind, and only admins may do any of it.
 */
const backends = await availableBackends();

/** A mono 16-bit PCM WAV of a sine tone. */
function toneWav(options: { seconds: number; rate?: number; frequency?: number; amplitude?: number }): Uint8Array {
  const rate = options.rate ?? 16000;
  const count = Math.round(rate * options.seconds);
  const bytes = new Uint8Array(44 + count * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((c, i) => (bytes[offset + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, count * 2, true);
  for (let i = 0; i < count; i++) view.setInt16(44 + i * 2, Math.round((options.amplitude ?? 12000) * Math.sin((2 * Math.PI * (options.frequency ?? 440) * i) / rate)), true);
  return bytes;
}

/** The same header with another format tag (85: MPEG layer 3) and bit depth. */
function withFormat(wav: Uint8Array, format: number, bits: number): Uint8Array {
  const copy = wav.slice();
  const view = new DataView(copy.buffer);
  view.setUint16(20, format, true);
  view.setUint16(34, bits, true);
  return copy;
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

describe.each(backends)('prompts on %s', (backend) => {
  let server: TestServer;
  let api: ReturnType<typeof apiClient>;
  let admin: TokenPair;
  let supervisor: TokenPair;
  let agent: TokenPair;
  let promptsDir: string;

  beforeAll(async () => {
    server = await bootServer(backend);
    api = apiClient(server.url);
    promptsDir = server.config.sip.promptsDir;
    [admin, supervisor, agent] = await Promise.all([api.login('admin', 'admin123!'), api.login('supervisor', 'super123!'), api.login('agent1', 'agent123!')]);
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
  });

  /** Without a type, the answer is read as the contract's error body (`code`, `issues`). */
  const asAdmin = <T = ApiError>(method: string, path: string, body?: unknown) => api.call<T>(method, path, { token: admin.accessToken, body });
  /** POSTs raw bytes as an upload. */
  const upload = async (name: string, bytes: Uint8Array | string, contentType = 'audio/wav', token = admin.accessToken) => {
    const response = await fetch(`${server.url}/api/prompts/wav?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: typeof bytes === 'string' ? bytes : Buffer.from(bytes),
    });
    return { status: response.status, body: (await response.json()) as PromptRecord & { code?: string; message?: string; issues?: { path: string }[] } };
  };
  const listen = async (id: string, token = admin.accessToken) => {
    const response = await fetch(`${server.url}/api/prompts/${id}/audio`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  const folder = () => (existsSync(promptsDir) ? readdirSync(promptsDir).sort() : []);
  const names = async () => (await asAdmin<PromptList>('GET', '/api/prompts')).body.prompts.map((p) => p.name);

  it('uploads a WAV into the prompts folder as the gateway plays it (8 kHz mono), lists it and plays it back', async () => {
    const wav = toneWav({ seconds: 1.5 });
    const created = await upload('greeting', wav);
    expect(created.status).toBe(201);
    // 16 kHz uploaded, 8 kHz 16-bit mono stored: 1.5 s is 12,000 samples after the 44-byte header.
    const storedBytes = 44 + 12000 * 2;
    expect(created.body).toMatchObject({ name: 'greeting', kind: 'wav', fileName: 'greeting.wav', text: null, language: null, bytes: storedBytes, durationMs: 1500, createdBy: 'admin' });
    // Where the gateway looks for {"file": "greeting.wav"}, whole, and nothing else left there.
    expect(folder()).toEqual(['greeting.wav']);
    const onDisk = decodePcm16Wav(new Uint8Array(readFileSync(join(promptsDir, 'greeting.wav'))));
    expect(onDisk.sampleRate).toBe(8000);
    expect(onDisk.samples.length).toBe(12000);
    // The same tone as uploaded: the decoder's resampling of the upload, sample for sample.
    expect(onDisk.samples).toEqual(decodeWav(wav));

    expect((await asAdmin<PromptList>('GET', '/api/prompts')).body.prompts).toEqual([created.body]);
    const heard = await listen(created.body.id);
    expect(heard).toMatchObject({ status: 200, type: 'audio/wav' });
    expect(heard.bytes.length).toBe(storedBytes);
    const samples = decodeWav(heard.bytes);
    expect(samples.length).toBe(12000);
    expect(rms(samples)).toBeGreaterThan(5000);

    const audit = await server.database.prisma.auditEntry.findMany({ where: { action: 'prompts/upload' } });
    expect(audit).toEqual([expect.objectContaining({ actorId: admin.user.id, targetId: created.body.id, data: expect.objectContaining({ name: 'greeting', fileName: 'greeting.wav' }) })]);
  });

  it('creates a text-to-speech prompt rendered by the gateway’s synthesizer, and plays it as 8 kHz PCM with sound in it', async () => {
    const created = await asAdmin<PromptRecord>('POST', '/api/prompts/speech', { name: 'welcome', text: 'Welcome to the contact center.', language: 'en' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'welcome', kind: 'speech', text: 'Welcome to the contact center.', language: 'en', fileName: null, createdBy: 'admin' });
    expect(created.body.durationMs).toBeGreaterThan(800);

    const heard = await listen(created.body.id);
    expect(heard).toMatchObject({ status: 200, type: 'audio/wav' });
    const { samples, sampleRate } = decodePcm16Wav(heard.bytes);
    expect(sampleRate).toBe(8000);
    expect(Math.round((samples.length * 1000) / 8000)).toBe(created.body.durationMs);
    expect(heard.bytes.length).toBe(created.body.bytes);
    expect(rms(samples)).toBeGreaterThan(300);
    // Speech needs no file: flows say its text.
    expect(folder()).toEqual(['greeting.wav']);

    const chinese = await asAdmin<PromptRecord>('POST', '/api/prompts/speech', { name: 'welcome-zh', text: '欢迎致电。', language: 'zh' });
    expect(chinese.status).toBe(201);
    expect(rms(decodePcm16Wav((await listen(chinese.body.id)).bytes).samples)).toBeGreaterThan(300);
    expect((await server.database.prisma.auditEntry.count({ where: { action: 'prompts/create-speech' } }))).toBe(2);
  });

  it('refuses each bad upload with its own code, and writes nothing', async () => {
    const before = { files: folder(), names: await names() };
    const tone = toneWav({ seconds: 0.5 });
    const cases: [string, Awaited<ReturnType<typeof upload>>, number, string][] = [
      ['not a WAV', await upload('notes', 'just some text, not audio'), 400, PromptErrorCode.NotWav],
      ['JSON', await upload('json', '{"name":"x"}', 'application/json'), 400, PromptErrorCode.NotWav],
      ['a broken WAVE', await upload('broken', tone.slice(0, 20)), 400, PromptErrorCode.NotWav],
      ['MP3 inside RIFF', await upload('mp3', withFormat(tone, 85, 0)), 400, PromptErrorCode.UnsupportedEncoding],
      ['no audio', await upload('empty', toneWav({ seconds: 0 })), 400, PromptErrorCode.Empty],
      ['over ten minutes', await upload('long', toneWav({ seconds: 601, rate: 8000, amplitude: 0 })), 400, PromptErrorCode.TooLong],
      ['over 10 MB', await upload('huge', toneWav({ seconds: (MAX_PROMPT_BYTES - 44) / 2 / 16000 + 0.01 })), 413, PromptErrorCode.TooBig],
      ['a bad name', await upload('Bad Name', tone), 400, PromptErrorCode.BadName],
      ['a name with .wav', await upload('hello.wav', tone), 400, PromptErrorCode.BadName],
      ['a taken name', await upload('greeting', tone), 409, PromptErrorCode.NameTaken],
      ['a name speech has', await upload('welcome', tone), 409, PromptErrorCode.NameTaken],
    ];
    for (const [label, answer, status, code] of cases) expect({ label, status: answer.status, code: answer.body.code }).toEqual({ label, status, code });
    expect(cases.find(([label]) => label === 'a bad name')![1].body.issues).toEqual([expect.objectContaining({ path: 'name' })]);
    expect(cases.find(([label]) => label === 'MP3 inside RIFF')![1].body.issues).toEqual([expect.objectContaining({ path: 'file' })]);

    const speech = await asAdmin('POST', '/api/prompts/speech', { name: 'Hello There', text: 'hi', language: 'en' });
    expect(speech).toMatchObject({ status: 400, body: { code: PromptErrorCode.BadName, issues: [{ path: 'name' }] } });
    const noText = await asAdmin('POST', '/api/prompts/speech', { name: 'blank', text: '   ', language: 'fr' });
    expect(noText.status).toBe(400);
    expect((noText.body.issues ?? []).map((i) => i.path).sort()).toEqual(['language', 'text']);
    expect((await asAdmin('POST', '/api/prompts/speech', { name: 'greeting', text: 'Hi', language: 'en' })).body.code).toBe(PromptErrorCode.NameTaken);

    expect({ files: folder(), names: await names() }).toEqual(before);
    expect(await server.database.prisma.auditEntry.count({ where: { action: { startsWith: 'prompts/' } } })).toBe(3);
  }, 60_000);

  it('refuses supervisors and agents, whatever the route', async () => {
    const [prompt] = (await asAdmin<PromptList>('GET', '/api/prompts')).body.prompts;
    for (const token of [supervisor.accessToken, agent.accessToken]) {
      expect((await api.call('GET', '/api/prompts', { token })).status).toBe(403);
      expect((await upload('sneaky', toneWav({ seconds: 0.2 }), 'audio/wav', token)).status).toBe(403);
      expect((await api.call('POST', '/api/prompts/speech', { token, body: { name: 'sneaky', text: 'hi', language: 'en' } })).status).toBe(403);
      expect((await listen(prompt!.id, token)).status).toBe(403);
      expect((await api.call('DELETE', `/api/prompts/${prompt!.id}`, { token })).status).toBe(403);
    }
    expect(await names()).not.toContain('sneaky');
  });

  it('refuses to delete a file a published flow plays; deletes it, row and file, once no flow does', async () => {
    const greeting = (await asAdmin<PromptList>('GET', '/api/prompts')).body.prompts.find((p) => p.name === 'greeting')!;
    const flow = (file: string) => ({ schemaVersion: 1, id: 'prompt-user', name: 'prompt-user', version: 1, start: 'hello', nodes: { hello: { kind: 'play', prompt: { en: { file } }, next: 'bye' }, bye: { kind: 'hangup' } } });
    const created = await asAdmin<IvrFlowDetail>('POST', '/api/ivr/flows', { name: 'prompt-user', entryNumbers: ['4200'], definition: flow('greeting.wav') });
    expect((await asAdmin('POST', `/api/ivr/flows/${created.body.id}/versions/1/publish`)).status).toBe(200);

    const refused = await asAdmin('DELETE', `/api/prompts/${greeting.id}`);
    expect(refused).toMatchObject({ status: 409, body: { code: PromptErrorCode.InUse, message: expect.stringContaining('prompt-user') } });
    expect(folder()).toContain('greeting.wav');

    await asAdmin('POST', `/api/ivr/flows/${created.body.id}/versions`, { definition: flow('other.wav') });
    expect((await asAdmin('POST', `/api/ivr/flows/${created.body.id}/versions/2/publish`)).status).toBe(200);
    expect((await asAdmin('DELETE', `/api/prompts/${greeting.id}`)).status).toBe(204);
    expect(folder()).toEqual([]);
    expect(await names()).not.toContain('greeting');
    expect((await listen(greeting.id)).status).toBe(404);
    expect((await asAdmin('DELETE', `/api/prompts/${greeting.id}`)).status).toBe(404);

    const welcome = (await asAdmin<PromptList>('GET', '/api/prompts')).body.prompts.find((p) => p.name === 'welcome')!;
    expect((await asAdmin('DELETE', `/api/prompts/${welcome.id}`)).status).toBe(204);
    expect(await server.database.prisma.auditEntry.count({ where: { action: 'prompts/delete' } })).toBe(2);
    // The name is free again, for either kind.
    expect((await upload('greeting', toneWav({ seconds: 0.3 }))).status).toBe(201);
  });
});
