/** The softphone's health (registration, connection), sound unlock and device choice. */
import { isConnected, LevelMeter, smoothLevel } from '@ccx/softphone';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { usePhone, usePhoneOwnership, usePhoneState, useRingtone } from '../desk-runtime';
import { ownershipLabel } from '../domain/phone-ownership';

const REGISTRATION_LABELS = { unregistered: 'Not registered', registering: 'Registering…', registered: 'Registered' } as const;

function useAudioDevices() {
  return useQuery({
    queryKey: ['media-devices'],
    queryFn: async () => {
      const devices = (await navigator.mediaDevices?.enumerateDevices()) ?? [];
      return { inputs: devices.filter((d) => d.kind === 'audioinput'), outputs: devices.filter((d) => d.kind === 'audiooutput') };
    },
    staleTime: 30_000,
  });
}

export function SoundPrompt() {
  const { ringtone, status } = useRingtone();
  if (status !== 'locked') return null;
  return (
    <div role="alert" className="card card--warning">
      <p>The browser is holding back sound, so you would not hear calls ring.</p>
      <button type="button" onClick={() => void ringtone.unlock()}>
        Click to enable sound
      </button>
    </div>
  );
}

/** How loud the microphone of the live call is, so the agent sees it works (also while muted). */
function MicrophoneLevel({ callId }: { callId: string }) {
  const phone = usePhone();
  const [level, setLevel] = useState(0);
  const track = phone.microphoneTrack(callId);
  useEffect(() => {
    if (!track) return;
    const meter = new LevelMeter(track);
    const timer = setInterval(() => setLevel((previous) => smoothLevel(previous, meter.read())), 100);
    return () => {
      clearInterval(timer);
      meter.close();
    };
  }, [track]);
  return (
    <label>
      Microphone level{' '}
      <meter aria-label="Microphone level" min={0} max={1} low={0.2} high={0.9} optimum={0.5} value={level} />
    </label>
  );
}

export function PhonePanel() {
  const phone = usePhone();
  const state = usePhoneState();
  const devices = useAudioDevices();
  const { ringtone } = useRingtone();
  const [ringer, setRinger] = useState(ringtone.deviceId);
  const [ringerError, setRingerError] = useState<string | null>(null);
  const liveCall = state.calls.find(isConnected);
  const ownership = usePhoneOwnership();
  const elsewhere = ownership.state === 'elsewhere' || ownership.state === 'taking-over';
  return (
    <section className="card" aria-labelledby="desk-phone-title">
      <h2 id="desk-phone-title">Softphone</h2>
      <p>
        <span role="status" aria-label="Phone location">
          {ownershipLabel(ownership.state)}
        </span>
        {ownership.state === 'elsewhere' && (
          <>
            {' '}
            <button type="button" onClick={ownership.useHere}>
              Use phone here
            </button>
          </>
        )}
      </p>
      {elsewhere && <p>Calls ring in the tab that has the phone; this tab shows the same state, calls and customers.</p>}
      <p>
        <span role="status" aria-label="Softphone">
          {elsewhere ? 'In another tab' : REGISTRATION_LABELS[state.registration]}
          {state.extension && !elsewhere ? ` · extension ${state.extension}` : ''}
        </span>
      </p>
      {state.problem && <p role="alert">{state.problem}</p>}
      <div className="desk-row">
        <label>
          Microphone{' '}
          <select aria-label="Microphone" value={state.microphoneId ?? ''} onChange={(e) => void phone.setMicrophone(e.target.value || null)}>
            <option value="">System default</option>
            {devices.data?.inputs.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `Microphone ${i + 1}`}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Speaker{' '}
          <select aria-label="Speaker" value={state.speakerId ?? ''} onChange={(e) => void phone.setSpeaker(e.target.value || null)}>
            <option value="">System default</option>
            {devices.data?.outputs.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `Speaker ${i + 1}`}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Ringer{' '}
          <select
            aria-label="Ringer"
            value={ringer}
            onChange={(e) => {
              const deviceId = e.target.value;
              setRingerError(null);
              void ringtone
                .setDevice(deviceId)
                .then((ok) => (ok ? setRinger(deviceId) : setRingerError('This browser rings on the system default output only; choose the ringer there.')))
                .catch(() => setRingerError('That device cannot ring; choose another one.'));
            }}
          >
            <option value="">System default</option>
            {devices.data?.outputs.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `Speaker ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      {ringerError && <p role="alert">{ringerError}</p>}
      {liveCall && !elsewhere && <MicrophoneLevel callId={liveCall.id} />}
    </section>
  );
}
