import { type CommandResult, type GatewayCommandInput, type GatewayEvent } from '@ccx/contracts';
import { type SessionPorts } from './session-ports.js';

/**
 * The caller's leg bridged with one other party (an agent from the queue, a transfer
 * node's target) and recorded in stereo, caller left: the bridge, the recording's start on
 * the timeline, and, once unbridged, the file's arrival (`recordingDone`) as
 * `recording.stopped`. Both go to the record that was being written when the bridge opened
 * (a callback's, or the inbound call's).
 */
export class RecordedBridge {
  private bridgeId: string | null = null;
  private recording: { id: string; recordId: string } | null = null;

  constructor(
    private readonly command: (command: GatewayCommandInput, failed?: (result: Extract<CommandResult, { ok: false }>) => void) => void,
    private readonly ports: Pick<SessionPorts, 'now' | 'recorder'>,
  ) {}

  /** No recording is waiting for its file. */
  get filed(): boolean {
    return this.recording === null;
  }

  owns(recordingId: string): boolean {
    return this.recording?.id === recordingId;
  }

  open(ids: { bridgeId: string; recordingId: string; recordId: string }, legIds: [string, string]): void {
    this.bridgeId = ids.bridgeId;
    this.command({ command: 'bridge', bridgeId: ids.bridgeId, legIds });
    this.recording = { id: ids.recordingId, recordId: ids.recordId };
    this.command({ command: 'recordStart', bridgeId: ids.bridgeId, recordingId: ids.recordingId }, () => {
      this.recording = null;
    });
    this.ports.recorder.append(ids.recordId, [{ type: 'recording.started', data: { recordingId: ids.recordingId }, at: this.ports.now() }]);
  }

  /** Unbridging stops the recording: its file arrives as `recordingDone`. */
  close(): void {
    if (!this.bridgeId) return;
    this.command({ command: 'unbridge', bridgeId: this.bridgeId }, () => {
      this.recording = null;
    });
    this.bridgeId = null;
  }

  recordingDone(event: Extract<GatewayEvent, { event: 'recordingDone' }>): void {
    const recording = this.recording;
    if (!recording || recording.id !== event.recordingId) return;
    this.recording = null;
    this.ports.recorder.append(recording.recordId, [
      { type: 'recording.stopped', data: { recordingId: recording.id, path: recordingFileName(event.path), durationSeconds: event.durationMs / 1000 }, at: event.at },
    ]);
  }
}

/** The file name the gateway gave a recording: the record keeps it relative to the recordings store. */
export function recordingFileName(path: string): string | null {
  return path.split(/[\\/]/).pop() || null;
}
