/**
 * @ccx/softphone: the browser softphone shared by the agent, supervisor and widget apps.
 * Consumed as TypeScript source through Vite. Domain rules are exported for apps' own use
 * (the agent desk shows the call phases and the quality grade).
 */
export { gradeQuality, measureQuality, type CallQuality, type QualityGrade, type RtpReading } from './domain/call-quality';
export {
  DTMF_TONES,
  IllegalCallTransition,
  isConnected,
  isOnHold,
  newCall,
  transition,
  type CallDirection,
  type CallEndReason,
  type CallEvent,
  type CallPhase,
  type CallSnapshot,
} from './domain/call-state';
export { LEVEL_FLOOR_DBFS, meterLevel, rms, smoothLevel } from './domain/input-level';
export { LevelMeter } from './sip/level-meter';
export { credentialRenewalDelayMs, reconnectDelayMs, type BackoffOptions } from './domain/registration-timing';
export {
  Softphone,
  type ConnectionStatus,
  type RegistrationStatus,
  type SoftphoneCredentials,
  type SoftphoneOptions,
  type SoftphoneState,
} from './sip/softphone';
