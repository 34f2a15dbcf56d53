/**
 * The agent's call actions, shared by the buttons and the keyboard shortcuts so both do the
 * same thing: answer/reject what rings, hang up, hold/resume and mute/unmute the call in hand.
 */
import { type CallSnapshot, isConnected, isOnHold } from '@ccx/softphone';
import { useCallback } from 'react';
import { useDesk, usePhone, usePhoneState } from './desk-runtime';
import { type Ringing, useRinging } from './use-ringing';

export interface CallActions {
  ringing: Ringing | null;
  /** The connected call (or the one connecting after Answer). */
  current: CallSnapshot | null;
  answer(): void;
  reject(): void;
  hangUp(): void;
  toggleHold(): void;
  toggleMute(): void;
  /** Sends a keypad digit; false when the call could not carry it. */
  sendDigit(digit: string): boolean;
}

export function useCallActions(): CallActions {
  const phone = usePhone();
  const { calls } = usePhoneState();
  const ringing = useRinging();
  const offerAnswered = useDesk((state) => state.offerAnswered);
  const current = calls.find((call) => isConnected(call) || call.phase === 'connecting' || call.phase === 'outgoing') ?? null;
  const ringingCallId = ringing?.call?.id ?? null;
  const currentId = current?.id ?? null;
  const currentHeld = current ? isOnHold(current) : false;
  const currentMuted = current?.muted ?? false;
  const currentPhase = current?.phase ?? null;

  const answer = useCallback(() => {
    if (!ringingCallId) return;
    offerAnswered();
    phone.answer(ringingCallId).catch(() => undefined);
  }, [phone, ringingCallId, offerAnswered]);

  const reject = useCallback(() => {
    if (ringingCallId) phone.reject(ringingCallId);
  }, [phone, ringingCallId]);

  const hangUp = useCallback(() => {
    if (currentId) phone.hangUp(currentId);
  }, [phone, currentId]);

  const toggleHold = useCallback(() => {
    if (!currentId || (currentPhase !== 'active' && currentPhase !== 'held')) return;
    void phone.setHold(currentId, !currentHeld);
  }, [phone, currentId, currentHeld, currentPhase]);

  const toggleMute = useCallback(() => {
    if (currentId) phone.setMuted(currentId, !currentMuted);
  }, [phone, currentId, currentMuted]);

  const sendDigit = useCallback(
    (digit: string) => (currentId ? phone.sendDtmf(currentId, digit) : false),
    [phone, currentId],
  );

  return { ringing, current, answer, reject, hangUp, toggleHold, toggleMute, sendDigit };
}
