/**
 * One recording of a call, played from a blob (the endpoint needs the bearer token). A call
 * recording is stereo, customer left and agent right: the channel choice routes the file
 * through WebAudio (ChannelSplitter → ChannelMerger) so the supervisor hears one side in
 * both ears, or both sides as recorded. A voicemail is mono and gets no choice.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useRecordingBlob } from '../api/calls';

export type ListenChannel = 'both' | 'left' | 'right';

export const CHANNEL_LABELS: Record<ListenChannel, string> = {
  both: 'Both sides (stereo)',
  left: 'Customer (left)',
  right: 'Agent (right)',
};

interface Graph {
  context: AudioContext;
  splitter: ChannelSplitterNode;
  merger: ChannelMergerNode;
}

function route(graph: Graph, channel: ListenChannel): void {
  graph.splitter.disconnect();
  if (channel === 'both') {
    graph.splitter.connect(graph.merger, 0, 0);
    graph.splitter.connect(graph.merger, 1, 1);
  } else {
    const side = channel === 'left' ? 0 : 1;
    graph.splitter.connect(graph.merger, side, 0);
    graph.splitter.connect(graph.merger, side, 1);
  }
}

export function RecordingPlayer({ callId, recordingId, title, stereo }: { callId: string; recordingId: string; title: string; stereo: boolean }) {
  const recording = useRecordingBlob(callId, recordingId);
  const url = useMemo(() => (recording.data ? URL.createObjectURL(recording.data) : null), [recording.data]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const audio = useRef<HTMLAudioElement>(null);
  const graph = useRef<Graph | null>(null);
  const [channel, setChannel] = useState<ListenChannel>('both');
  const groupId = useId();

  // The graph is made on the first play or channel choice (a user gesture, so the
  // AudioContext may start); from then on the element plays only through it.
  const ensureGraph = (): Graph | null => {
    if (!stereo || !audio.current) return null;
    if (!graph.current) {
      const context = new AudioContext();
      const source = context.createMediaElementSource(audio.current);
      const splitter = context.createChannelSplitter(2);
      const merger = context.createChannelMerger(2);
      source.connect(splitter);
      merger.connect(context.destination);
      graph.current = { context, splitter, merger };
    }
    void graph.current.context.resume();
    return graph.current;
  };

  useEffect(() => {
    const current = graph.current;
    if (current) route(current, channel);
  }, [channel]);
  useEffect(() => () => void graph.current?.context.close(), []);

  return (
    <figure className="recording">
      <figcaption>{title}</figcaption>
      {recording.isPending && <p className="empty">Loading the recording…</p>}
      {recording.isError && (
        <p className="field-error" role="alert">
          The recording could not be loaded: {recording.error.message}
        </p>
      )}
      {url && (
        <audio
          ref={audio}
          controls
          preload="metadata"
          src={url}
          aria-label={`Play ${title}`}
          data-testid="recording-audio"
          onPlay={() => {
            const current = ensureGraph();
            if (current) route(current, channel);
          }}
        />
      )}
      {stereo && (
        <fieldset className="channels">
          <legend id={groupId}>Listen to</legend>
          {(Object.keys(CHANNEL_LABELS) as ListenChannel[]).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`${groupId}-channel`}
                value={value}
                checked={channel === value}
                onChange={() => {
                  const current = ensureGraph();
                  setChannel(value);
                  if (current) route(current, value);
                }}
              />
              {CHANNEL_LABELS[value]}
            </label>
          ))}
        </fieldset>
      )}
    </figure>
  );
}
