import { type CommandResult, type GatewayCommandInput, type GatewayEvent } from '@ccx/contracts';
import { type SessionPorts } from './session-ports.js';

/**
 * The caller's leg bridged with another party (an agent from the queue, a transfer node's
 * target; others may join it) and recorded in stereo, caller left: the bridge, the
 * recording's start on the timeline, and, once unbridged, the file's arrival
 * (`recordingDone`) as `recording.stopped`. Both go to the record that was being written
 * when the bridge opened (a callback's, or the inbound call's). A bridge may open again
 * (the caller back from the queue) before the last one's file arrived: each recording is
 * waited for.
 */
export class RecordedBridge {
  private bridgeId: string | null = null;
  /** The open bridge's recording. */
  private current: string | null = null;
  /** Recordings whose file has not arrived yet, by id: the record each belongs to. */
  private readonly recordings = new Map<string, string>();

  constructor(
    private readonly command: (command: GatewayCommandInput, failed?: (result: Extract<CommandResult, { ok: false }>) => void) => void,
    private readonly ports: Pick<SessionPorts, 'now' | 'recorder'>,
  ) {}

  /** No recording is waiting for its file. */
  get filed(): boolean {
    return this.recordings.size === 0;
  }

  owns(recordingId: string): boolean {
    return this.recordings.has(recordingId);
  }

  open(ids: { bridgeId: string; recordingId: string; recordId: string }, legIds: [string, string]): void {
    this.bridgeId = ids.bridgeId;
    this.command({ command: 'bridge', bridgeId: ids.bridgeId, legIds });
    this.recordings.set(ids.recordingId, ids.recordId);
    this.current = ids.recordingId;
    this.command({ command: 'recordStart', bridgeId: ids.bridgeId, recordingId: ids.recordingId }, () => {
      this.recordings.delete(ids.recordingId);
    });
    this.ports.recorder.append(ids.recordId, [{ type: 'recording.started', data: { recordingId: ids.recordingId }, at: this.ports.now() }]);
  }

  /** The open bridge's id; null when closed. */
  get id(): string | null {
    return this.bridgeId;
  }

  /** The bridge is up (opened and not closed). */
  get isOpen(): boolean {
    return this.bridgeId !== null;
  }

  /**
   * Another party joins the open bridge (a transfer's target, a conference's third party),
   * talking: everyone hears everyone. An agent is recorded on the agents' side.
   */
  add(legId: string, kind: 'agent' | 'other', failed?: (result: Extract<CommandResult, { ok: false }>) => void): void {
    if (!this.bridgeId) return;
    this.command({ command: 'addParticipant', bridgeId: this.bridgeId, legId, role: 'talk', kind }, failed);
  }

  /** Unbridging stops the recording: its file arrives as `recordingDone`. */
  close(): void {
    const { bridgeId, current: recordingId } = this;
    if (!bridgeId) return;
    this.bridgeId = null;
    this.current = null;
    // A bridge the gateway no longer has: no file will come for its recording.
    this.command({ command: 'unbridge', bridgeId }, () => {
      if (recordingId) this.recordings.delete(recordingId);
    });
  }

  recordingDone(event: Extract<GatewayEvent, { event: 'recordingDone' }>): void {
    const recordId = this.recordings.get(event.recordingId);
    if (recordId === undefined) return;
    this.recordings.delete(event.recordingId);
    this.ports.recorder.append(recordId, [
      { type: 'recording.stopped', data: { recordingId: event.recordingId, path: recordingFileName(event.path), durationSeconds: event.durationMs / 1000 }, at: event.at },
    ]);
  }
}

/** The file name the gateway gave a recording: the record keeps it relative to the recordings store. */
export function recordingFileName(path: string): string | null {
  return path.split(/[\\/]/).pop() || null;
}
