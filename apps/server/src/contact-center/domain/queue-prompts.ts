import { type FlowLanguage, type Prompt } from '@ccx/contracts';

/**
 * What a waiting caller hears besides music: the position and estimated-wait announcement
 * (with the callback offer when the caller has a number we can dial), and the goodbye once
 * a callback is booked. Spoken by the gateway's text to speech, in the call's language.
 */

/** A number the trunk can dial back: digits, optionally after "+". A web identity is not one. */
export const DIALABLE = /^\+?[0-9]{3,20}$/;

/** The key that turns a wait into a callback. */
export const CALLBACK_KEY = '1';

function minutes(ewtSeconds: number): number {
  return Math.max(1, Math.round(ewtSeconds / 60));
}

export function positionAnnouncement(language: FlowLanguage, position: number, ewtSeconds: number | null, offerCallback: boolean): Prompt[] {
  if (language === 'zh') {
    let text = `您目前排在第${position}位。`;
    if (ewtSeconds !== null) text += ewtSeconds < 60 ? '预计等待时间不到一分钟。' : `预计等待时间约为${minutes(ewtSeconds)}分钟。`;
    if (offerCallback) text += `如需我们回电，请按${CALLBACK_KEY}。`;
    return [{ kind: 'speech', language: 'zh', text }];
  }
  let text = `You are number ${position} in the queue.`;
  if (ewtSeconds !== null) {
    const m = minutes(ewtSeconds);
    text += ewtSeconds < 60 ? ' Your estimated waiting time is less than a minute.' : ` Your estimated waiting time is about ${m} minute${m === 1 ? '' : 's'}.`;
  }
  if (offerCallback) text += ` To be called back instead, press ${CALLBACK_KEY}.`;
  return [{ kind: 'speech', language: 'en', text }];
}

/** Digits one by one, so text to speech reads a phone number the way people say it. */
export function spellNumber(number: string): string {
  return number.replace(/^\+/, 'plus ').replace(/(\d)(?=\d)/g, '$1 ');
}

export function callbackGoodbye(language: FlowLanguage, number: string): Prompt[] {
  if (language === 'zh') return [{ kind: 'speech', language: 'zh', text: '谢谢。坐席空闲时我们会尽快给您回电。再见。' }];
  return [{ kind: 'speech', language: 'en', text: `Thank you. We will call you back on ${spellNumber(number)} as soon as an agent is free. Goodbye.` }];
}

/** What the agent hears while the customer's phone rings for a callback. */
export function callbackDialing(language: FlowLanguage): Prompt[] {
  return language === 'zh'
    ? [{ kind: 'speech', language: 'zh', text: '正在为您回拨客户，请稍候。' }]
    : [{ kind: 'speech', language: 'en', text: 'Calling the customer back. Please hold.' }];
}

/** What a caller hears when a transfer failed and nobody else can take the call (a dialled call has no queue to go back to). */
export function transferFailedGoodbye(language: FlowLanguage): Prompt[] {
  return language === 'zh'
    ? [{ kind: 'speech', language: 'zh', text: '对不起，现在无法为您转接。请稍后再拨。再见。' }]
    : [{ kind: 'speech', language: 'en', text: 'Sorry, we could not put you through. Please call again later. Goodbye.' }];
}
