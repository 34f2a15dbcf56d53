/** The softphone's health (registration, connection), sound unlock and device choice. */
import { useQuery } from '@tanstack/react-query';
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

export function PhonePanel() {
  const phone = usePhone();
  const state = usePhoneState();
  const devices = useAudioDevices();
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
        </label>
      </div>
    </section>
  );
}
