/**
 * Every word the widget shows, in the languages it speaks (`data-languages`). The page's
 * visitor gets the first of their browser's languages the page allows, else the page's first.
 * The English words are the accessible names SPEC.md fixes ("Call us", "Mute", "Hang up" …).
 */
export type WidgetLanguage = 'en' | 'zh';
export const LANGUAGES: readonly WidgetLanguage[] = ['en', 'zh'];

export interface WidgetStrings {
  callUs: string;
  close: string;
  panelTitle: string;
  loading: string;
  loadFailed: string;
  checkingMicrophone: string;
  micDenied: string;
  micAbsent: string;
  micInUse: string;
  micUnsupported: string;
  micFailed: string;
  tryAgain: string;
  connecting: string;
  callFailed: string;
  ivr: string;
  queued: (position: number | null) => string;
  talking: string;
  onHold: string;
  callbackBooked: (number: string) => string;
  ended: string;
  mute: string;
  unmute: string;
  keypad: string;
  hangUp: string;
  callMeBack: string;
  callbackNumber: string;
  callbackInvalid: string;
  callbackRefused: string;
  callAgain: string;
}

const en: WidgetStrings = {
  callUs: 'Call us',
  close: 'Close',
  panelTitle: 'Call us from this page',
  loading: 'Getting the call ready…',
  loadFailed: 'The call could not start. Check your connection and try again.',
  checkingMicrophone: 'Checking your microphone…',
  micDenied: 'Your browser blocks the microphone for this site. Allow it (the camera or lock icon in the address bar), then try again.',
  micAbsent: 'No microphone was found. Connect a headset or microphone, then try again.',
  micInUse: 'Your microphone is busy in another app. Close that app, then try again.',
  micUnsupported: 'This browser cannot make calls from web pages. Try a current Chrome, Edge, Firefox or Safari.',
  micFailed: 'Your microphone could not be opened. Check it, then try again.',
  tryAgain: 'Try again',
  connecting: 'Connecting…',
  callFailed: 'The call could not be connected. Please try again in a moment.',
  ivr: 'Connected. Listen to the menu and use the keypad to choose.',
  queued: (position) => (position === null ? 'Waiting for the next agent.' : `Waiting for the next agent: you are number ${position} in the queue.`),
  talking: 'Talking with an agent.',
  onHold: 'On hold: the agent will be back shortly.',
  callbackBooked: (number) => `We will call you back at ${number}. You can close this window.`,
  ended: 'Call ended.',
  mute: 'Mute',
  unmute: 'Unmute',
  keypad: 'Keypad',
  hangUp: 'Hang up',
  callMeBack: 'Call me back',
  callbackNumber: 'Your phone number',
  callbackInvalid: 'Enter a phone number: 3 to 20 digits, optionally starting with +.',
  callbackRefused: 'A callback cannot be booked right now. Please stay on the line.',
  callAgain: 'Call again',
};

const zh: WidgetStrings = {
  callUs: '给我们打电话',
  close: '关闭',
  panelTitle: '在此网页上给我们打电话',
  loading: '正在准备通话…',
  loadFailed: '无法开始通话。请检查网络后重试。',
  checkingMicrophone: '正在检查麦克风…',
  micDenied: '浏览器禁止本网站使用麦克风。请在地址栏的图标中允许麦克风，然后重试。',
  micAbsent: '未找到麦克风。请连接耳机或麦克风，然后重试。',
  micInUse: '麦克风正被其他应用占用。请关闭该应用，然后重试。',
  micUnsupported: '此浏览器无法从网页拨打电话。请使用最新版 Chrome、Edge、Firefox 或 Safari。',
  micFailed: '无法打开麦克风。请检查后重试。',
  tryAgain: '重试',
  connecting: '正在连接…',
  callFailed: '无法接通。请稍后重试。',
  ivr: '已接通。请收听菜单并使用拨号键盘选择。',
  queued: (position) => (position === null ? '正在等待下一位客服。' : `正在等待下一位客服：您排在第${position}位。`),
  talking: '正在与客服通话。',
  onHold: '通话保持中：客服马上回来。',
  callbackBooked: (number) => `我们将回电至 ${number}。您可以关闭此窗口。`,
  ended: '通话已结束。',
  mute: '静音',
  unmute: '取消静音',
  keypad: '拨号键盘',
  hangUp: '挂断',
  callMeBack: '请给我回电',
  callbackNumber: '您的电话号码',
  callbackInvalid: '请输入电话号码：3 到 20 位数字，可以 + 开头。',
  callbackRefused: '目前无法预约回电。请继续等待。',
  callAgain: '再次拨打',
};

export const STRINGS: Record<WidgetLanguage, WidgetStrings> = { en, zh };

/** The visitor's language: the first browser language the page allows, else the page's first. */
export function pickLanguage(allowed: readonly WidgetLanguage[], browser: readonly string[]): WidgetLanguage {
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0] as WidgetLanguage;
    if (allowed.includes(primary)) return primary;
  }
  return allowed[0] ?? 'en';
}
