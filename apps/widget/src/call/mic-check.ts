/**
 * Before a call: is there a microphone, and may this page use it? The Permissions API answers
 * "denied" without a prompt where it can; getUserMedia then asks (or fails) and its error's
 * name says why. Each problem maps to a message that tells the visitor what to do.
 */
import type { WidgetStrings } from '../i18n';

export type MicProblem = 'denied' | 'absent' | 'in-use' | 'unsupported' | 'failed';
export type MicCheck = { ok: true } | { ok: false; problem: MicProblem };

/** What a getUserMedia rejection means for the visitor. */
export function micProblemOf(error: unknown): MicProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return 'absent';
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return 'in-use';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

export function micProblemMessage(problem: MicProblem, strings: WidgetStrings): string {
  switch (problem) {
    case 'denied':
      return strings.micDenied;
    case 'absent':
      return strings.micAbsent;
    case 'in-use':
      return strings.micInUse;
    case 'unsupported':
      return strings.micUnsupported;
    case 'failed':
      return strings.micFailed;
  }
}

export interface MicEnvironment {
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'>;
  permissions?: Pick<Permissions, 'query'>;
}

/** Asks for the microphone once (the browser may prompt) and lets it go again: the call opens its own. */
export async function checkMicrophone(env: MicEnvironment): Promise<MicCheck> {
  if (!env.mediaDevices?.getUserMedia) return { ok: false, problem: 'unsupported' };
  try {
    const state = await env.permissions?.query({ name: 'microphone' as PermissionName });
    if (state?.state === 'denied') return { ok: false, problem: 'denied' };
  } catch {
    // Not every browser can query the microphone permission: getUserMedia will tell.
  }
  try {
    const stream = await env.mediaDevices.getUserMedia({ audio: true, video: false });
    const tracks = stream.getAudioTracks();
    for (const track of stream.getTracks()) track.stop();
    return tracks.length > 0 ? { ok: true } : { ok: false, problem: 'absent' };
  } catch (error) {
    return { ok: false, problem: micProblemOf(error) };
  }
}
