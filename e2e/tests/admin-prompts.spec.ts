/**
 * The administrator's prompts in real Chromium: a WAV made here (a 440 Hz tone) is uploaded
 * under the name offered from its file name, listed with its duration and how a flow names
 * it, and Listen plays it: the audio the page fetched decodes (WebAudio) to the tone's
 * length and pitch, and the `<audio>` element's clock moves. A text becomes a speech prompt
 * that decodes to sound. A file that is not a WAV is refused by the server beside the file
 * field; a bad name beside the name field. Delete asks first.
 */
import { expect, type Page, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { DEMO, logIn } from '../support/login';

// Listen starts playing after a fetch; the flag keeps that from depending on the click's activation.
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] } });

/** A mono 16-bit PCM WAV of a sine tone. */
function toneWav(seconds: number, frequency: number, rate = 16000): Buffer {
  const count = Math.round(rate * seconds);
  const bytes = Buffer.alloc(44 + count * 2);
  bytes.write('RIFF', 0, 'ascii');
  bytes.writeUInt32LE(bytes.length - 8, 4);
  bytes.write('WAVEfmt ', 8, 'ascii');
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20);
  bytes.writeUInt16LE(1, 22);
  bytes.writeUInt32LE(rate, 24);
  bytes.writeUInt32LE(rate * 2, 28);
  bytes.writeUInt16LE(2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36, 'ascii');
  bytes.writeUInt32LE(count * 2, 40);
  for (let i = 0; i < count; i++) bytes.writeInt16LE(Math.round(12000 * Math.sin((2 * Math.PI * frequency * i) / rate)), 44 + i * 2);
  return bytes;
}

interface Heard {
  duration: number;
  peak: number;
  /** Zero crossings per second ÷ 2: the pitch of a pure tone. */
  frequency: number;
}

/** Decodes what the prompt's `<audio>` was given, in the page, as the browser hears it. */
async function decodedAudio(page: Page, name: string): Promise<Heard> {
  const audio = page.getByLabel(`Audio of ${name}`);
  await expect(audio).toHaveAttribute('src', /^blob:/);
  return audio.evaluate(async (element: HTMLAudioElement) => {
    const bytes = await (await fetch(element.src)).arrayBuffer();
    const context = new AudioContext();
    try {
      const buffer = await context.decodeAudioData(bytes);
      const samples = buffer.getChannelData(0);
      let peak = 0;
      let crossings = 0;
      for (let i = 0; i < samples.length; i++) {
        peak = Math.max(peak, Math.abs(samples[i]!));
        if (i > 0 && samples[i - 1]! < 0 !== samples[i]! < 0) crossings++;
      }
      return { duration: buffer.duration, peak, frequency: crossings / buffer.duration / 2 };
    } finally {
      await context.close();
    }
  });
}

/** The `<audio>` element really plays: its clock moves (or it already ended). */
async function expectPlaying(page: Page, name: string): Promise<void> {
  const audio = page.getByLabel(`Audio of ${name}`);
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.ended || element.currentTime > 0.2), { timeout: 10_000 }).toBe(true);
}

test('the admin uploads a WAV and creates a speech prompt, listens to both, sees problems beside the fields and deletes with a confirmation', async ({ page }) => {
  test.setTimeout(40_000);
  const suffix = String(Date.now() % 1_000_000);
  const tone = `tone-${suffix}`;
  const speech = `thanks-${suffix}`;

  await logIn(page, '/supervisor/', DEMO.admin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('button', { name: 'Prompts' }).click();
  const prompts = page.getByRole('table', { name: 'Prompts' });

  // A file that is not a WAV: the server refuses it, and says so beside the file field.
  const upload = page.getByRole('form', { name: 'Upload a recorded prompt' });
  await upload.getByLabel('WAV file').setInputFiles({ name: `Not audio ${suffix}.wav`, mimeType: 'audio/wav', buffer: Buffer.from('these are not the bytes of a WAV file') });
  await expect(upload.getByLabel('Name of the recorded prompt')).toHaveValue(`not-audio-${suffix}`);
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload.getByLabel('WAV file')).toHaveAccessibleDescription(/not a WAV file/);

  // A bad name is refused beside the name field before anything is sent.
  await upload.getByLabel('WAV file').setInputFiles({ name: `Tone ${suffix}.wav`, mimeType: 'audio/wav', buffer: toneWav(1.2, 440) });
  await upload.getByLabel('Name of the recorded prompt').fill('Tone.wav');
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload.getByLabel('Name of the recorded prompt')).toHaveAccessibleDescription(/lower-case letters/);

  await upload.getByLabel('Name of the recorded prompt').fill(tone);
  await upload.getByRole('button', { name: 'Upload' }).click();
  const toneRow = prompts.getByRole('row', { name: new RegExp(`^${tone}\\b`) });
  await expect(toneRow).toContainText('Recorded (WAV)');
  await expect(toneRow).toContainText('1.2 s');
  await expect(toneRow).toContainText(`{"file":"${tone}.wav"}`);
  await expect(upload.getByLabel('Name of the recorded prompt')).toHaveValue('');

  await toneRow.getByRole('button', { name: `Listen to ${tone}` }).click();
  const heardTone = await decodedAudio(page, tone);
  expect(heardTone.duration).toBeCloseTo(1.2, 1);
  expect(heardTone.peak).toBeGreaterThan(0.3);
  expect(Math.abs(heardTone.frequency - 440)).toBeLessThan(10);
  await expectPlaying(page, tone);

  // Text to speech, by the gateway's synthesizer.
  const create = page.getByRole('form', { name: 'New text-to-speech prompt' });
  await create.getByLabel('Name of the speech prompt').fill(speech);
  await create.getByLabel('Text to speak').fill('Thank you for calling.');
  await create.getByLabel('Language').selectOption({ label: 'English' });
  await create.getByRole('button', { name: 'Create speech prompt' }).click();
  const speechRow = prompts.getByRole('row', { name: new RegExp(`^${speech}\\b`) });
  await expect(speechRow).toContainText('Text to speech');
  await expect(speechRow).toContainText('English: Thank you for calling.');
  await expect(speechRow).toContainText('"en": {"say":"Thank you for calling."}');

  await speechRow.getByRole('button', { name: `Listen to ${speech}` }).click();
  const heardSpeech = await decodedAudio(page, speech);
  expect(heardSpeech.duration).toBeGreaterThan(0.5);
  expect(heardSpeech.peak).toBeGreaterThan(0.05);
  await expectPlaying(page, speech);

  // The same name again is the server's conflict, beside the name.
  await create.getByLabel('Name of the speech prompt').fill(tone);
  await create.getByLabel('Text to speak').fill('Again');
  await create.getByRole('button', { name: 'Create speech prompt' }).click();
  await expect(create.getByLabel('Name of the speech prompt')).toHaveAccessibleDescription(/already taken/);

  // Delete asks first: dismissed, the prompt stays; accepted, it goes.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await toneRow.getByRole('button', { name: `Delete ${tone}` }).click();
  await expect(toneRow).toBeVisible();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain(tone);
    void dialog.accept();
  });
  await toneRow.getByRole('button', { name: `Delete ${tone}` }).click();
  await expect(toneRow).toHaveCount(0);
  await expect(speechRow).toBeVisible();
});
