import { type Flow, type FlowInput, formatFlowIssue, validateFlow } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { loadDemoFlow } from '../demo-flow.js';
import { FlowRunner } from './flow-runner.js';
import { FlowSimulator, type SimulatedCustomer } from './flow-simulator.js';
import { type CallContext, HIDDEN_INPUT } from './runner-types.js';

/**
 * The demo flow of SPEC.md driven through every branch. Times are chosen against the
 * flow's zone, Asia/Shanghai (UTC+8, no daylight saving time), so that reading them in UTC
 * would give the opposite answer.
 */
const flow = loadDemoFlow();

/** Wednesday 10:00 in Shanghai (02:00 UTC). */
const OPEN = Date.UTC(2025, 5, 11, 2, 0);
/** Wednesday 20:00 in Shanghai: closed, though 12:00 UTC is inside the hours. */
const AFTER_HOURS = Date.UTC(2025, 5, 11, 12, 0);
/** Wednesday 09:30 in Shanghai: open, though 01:30 UTC is outside the hours. */
const EARLY_OPEN = Date.UTC(2025, 5, 11, 1, 30);
/** National Day (10-01, every year), a Wednesday, 10:00 in Shanghai. */
const NATIONAL_DAY = Date.UTC(2025, 9, 1, 2, 0);
/** Spring Festival 2026-02-17, a Tuesday, 10:00 in Shanghai. */
const SPRING_FESTIVAL = Date.UTC(2026, 1, 17, 2, 0);
/** Sunday 11:00 in Shanghai. */
const SUNDAY = Date.UTC(2025, 5, 15, 3, 0);

const CUSTOMERS: SimulatedCustomer[] = [
  { id: 'c-li', displayName: 'Li Wei', phoneNumber: '+8613800138000', accountNumber: '10001', pin: '1234', balanceCents: 1234567, language: 'zh' },
  { id: 'c-alice', displayName: 'Alice Johnson', phoneNumber: '+14155550101', accountNumber: '10002', pin: '4321', balanceCents: 25000, language: 'en' },
  { id: 'c-bob', displayName: 'Bob Smith', phoneNumber: '+14155550102', accountNumber: '10003', pin: '1111', balanceCents: -4210, language: 'en' },
];

function dial(at = OPEN, call: Partial<CallContext> = {}): FlowSimulator {
  return new FlowSimulator(flow, { callerNumber: '+14155550199', dialedNumber: '1000', channel: 'trunk', callerList: null, ...call }, { now: () => at, customers: CUSTOMERS }).start();
}

function validFlow(input: FlowInput): Flow {
  const result = validateFlow(input);
  if (!result.ok) throw new Error(result.errors.map(formatFlowIssue).join('\n'));
  return result.flow;
}

/** Past the greeting and the language menu, in English. */
const inEnglish = (at = OPEN, call: Partial<CallContext> = {}) => dial(at, call).press('2');

describe(FlowRunner.name, () => {
  describe('greeting and language', () => {
    it('greets in both languages, then asks for the language in both, Mandarin first', () => {
      const sut = dial();
      expect(sut.visited()).toEqual(['init', 'screen-caller', 'lookup-caller', 'greeting', 'choose-language']);
      expect(sut.of('play')[0]).toMatchObject({
        interruptOnDigit: true,
        prompts: [
          { kind: 'speech', text: '欢迎致电示例公司。', language: 'zh' },
          { kind: 'speech', text: 'Welcome to Example Company.', language: 'en' },
        ],
      });
      expect(sut.last('collect')).toMatchObject({
        prompts: [
          { kind: 'speech', language: 'zh', text: '普通话服务请按1。' },
          { kind: 'speech', language: 'en', text: 'For English, press 2.' },
        ],
        minDigits: 1,
        maxDigits: 1,
        terminator: null,
        firstDigitTimeoutMs: 5000,
      });
    });

    it('speaks Mandarin after 1', () => {
      const sut = dial().press('1');
      expect(sut.runner.language).toBe('zh');
      expect(sut.last('collect')!.prompts).toEqual([{ kind: 'speech', language: 'zh', text: '销售请按1，技术支持请按2，查询账户余额请按3，人工服务请按0，重听请按9。' }]);
    });

    it('speaks English after 2', () => {
      const sut = inEnglish();
      expect(sut.runner.language).toBe('en');
      expect(sut.spoken().at(-1)).toMatch(/^For sales, press 1\./);
    });

    it('asks again in both languages, then settles on English when no key comes', () => {
      const sut = dial().press('', '7');
      expect(sut.spoken().slice(-4)).toEqual(['对不起，您的选择无效。', 'Sorry, that is not a valid choice.', '普通话服务请按1。', 'For English, press 2.']);
      sut.press('');
      expect(sut.runner.language).toBe('en');
      expect(sut.runner.nodeId).toBe('main-menu');
      expect(sut.runner.path.find((step) => step.nodeId === 'choose-language' && step.entry)?.outcome).toBeUndefined();
      expect(sut.of('pathStep').filter((step) => step.nodeId === 'choose-language').map((step) => step.outcome)).toEqual([undefined, 'no-input', 'invalid', 'no-input', 'default en']);
    });
  });

  describe('main menu', () => {
    it('sends 1 to the Sales queue with the sales and language skills, normal priority, a survey after', () => {
      const sut = inEnglish().press('1');
      expect(sut.spoken().at(-1)).toBe('Connecting you to sales.');
      expect(sut.last('enqueue')).toEqual({ type: 'enqueue', queue: 'Sales', priority: 0, skills: [{ skill: 'sales', minLevel: 1 }, { skill: 'english', minLevel: 1 }], language: 'en', customerId: null, afterCall: true });
      expect(sut.runner.status).toBe('handedOff');
    });

    it('asks for the Mandarin skill for a Mandarin caller', () => {
      const sut = dial().press('1', '1');
      expect(sut.last('enqueue')!.skills).toEqual([{ skill: 'sales', minLevel: 1 }, { skill: 'mandarin', minLevel: 1 }]);
    });

    it('sends 2 to the support menu, and a caller who stays on the line to the Support queue', () => {
      const sut = inEnglish().press('2');
      expect(sut.runner.nodeId).toBe('support-menu');
      sut.press('');
      expect(sut.last('enqueue')).toMatchObject({ queue: 'Support', skills: [{ skill: 'support', minLevel: 1 }, { skill: 'english', minLevel: 1 }] });
    });

    it('sends 0 to an operator', () => {
      const sut = inEnglish().press('0');
      expect(sut.visited().at(-1)).toBe('operator');
      expect(sut.spoken().at(-1)).toBe('Please hold for an operator.');
      expect(sut.last('enqueue')).toMatchObject({ queue: 'Support', skills: [{ skill: 'english', minLevel: 1 }] });
    });

    it('repeats the menu on 9', () => {
      const sut = inEnglish().press('9');
      expect(sut.visited().filter((id) => id === 'main-menu')).toHaveLength(2);
      expect(sut.spoken().at(-1)).toBe(sut.spoken().at(-2));
      expect(sut.waitingForKeys).toBe(true);
    });

    it('says an invalid key is invalid, asks twice more, then sends the caller to an operator', () => {
      const sut = inEnglish().press('7', '8');
      expect(sut.spoken().at(-2)).toBe('Sorry, that is not a valid choice.');
      expect(sut.runner.nodeId).toBe('main-menu');
      sut.press('#');
      expect(sut.visited().at(-1)).toBe('operator');
      expect(sut.of('pathStep').filter((step) => step.nodeId === 'main-menu' && !step.entry)).toMatchObject([
        { input: '7', outcome: 'invalid' },
        { input: '8', outcome: 'invalid' },
        { input: '#', outcome: 'invalid' },
      ]);
    });

    it('says nothing was heard after a timeout, asks twice more, then sends the caller to an operator', () => {
      const sut = inEnglish().press('', '');
      expect(sut.spoken().at(-2)).toBe('Sorry, we did not hear your choice.');
      sut.press('');
      expect(sut.last('enqueue')!.queue).toBe('Support');
      expect(sut.visited().at(-1)).toBe('operator');
    });

    it('takes a valid key after a wrong one', () => {
      const sut = inEnglish().press('5', '1');
      expect(sut.last('enqueue')!.queue).toBe('Sales');
    });
  });

  describe('five menu levels', () => {
    it('goes down main → support → internet → fibre → router and reaches the router specialist', () => {
      const sut = inEnglish().press('2', '1', '1', '3');
      expect(sut.spoken().at(-1)).toMatch(/^To hear how to restart your router/);
      sut.press('2');
      const menus = sut.visited().filter((id) => flow.nodes[id]!.kind === 'menu');
      expect(menus).toEqual(['main-menu', 'support-menu', 'internet-menu', 'fibre-menu', 'router-menu']);
      expect(sut.last('transfer')).toEqual({ type: 'transfer', to: { type: 'extension', extension: '2003' }, afterCall: true });
    });

    it('plays the tips at level 5 and comes back to it; star climbs one level at a time', () => {
      const sut = inEnglish().press('2', '1', '1', '3', '1');
      expect(sut.visited().slice(-2)).toEqual(['router-tips', 'router-menu']);
      sut.press('*', '*', '*', '*');
      expect(sut.visited().slice(-4)).toEqual(['fibre-menu', 'internet-menu', 'support-menu', 'main-menu']);
    });
  });

  describe('self-service balance', () => {
    it('checks account and PIN against the CRM and speaks the balance, then ends without an agent', () => {
      const sut = inEnglish().press('3', '10001#', '1234');
      expect(sut.last('verifyPin')).toMatchObject({ accountNumber: '10001', pin: '1234' });
      expect(sut.spoken().at(-2)).toBe('Thank you, Li Wei. The balance of account 1 0 0 0 1 is 12345.67 dollars.');
      sut.press('');
      expect(sut.last('hangup')).toEqual({ type: 'hangup', reason: 'completed' });
      expect(sut.of('enqueue')).toHaveLength(0);
      expect(sut.runner.status).toBe('ended');
    });

    it('speaks the balance in Mandarin, a debt with its sign', () => {
      const sut = dial().press('1', '3', '10003#', '1111');
      expect(sut.spoken().at(-2)).toBe('您的账户1 0 0 0 3的余额为-42.10元。');
    });

    it('keeps the PIN out of the timeline, the screen pop and `digits`', () => {
      const sut = inEnglish().press('3', '10001#', '1234');
      expect(sut.of('pathStep').find((step) => step.nodeId === 'ss-pin' && !step.entry)?.input).toBe(HIDDEN_INPUT);
      expect(JSON.stringify(sut.of('pathStep'))).not.toContain('1234');
      expect(sut.runner.variables()).not.toHaveProperty('pin');
      expect(sut.runner.variables()).toMatchObject({ account: '10001', digits: '10001', 'customer.id': 'c-li', 'customer.name': 'Li Wei' });
    });

    it('lets the caller hear the balance again and go back to the main menu', () => {
      const sut = inEnglish().press('3', '10002#', '4321', '1');
      expect(sut.spoken().filter((text) => text.includes('250.00 dollars'))).toHaveLength(2);
      sut.press('2');
      expect(sut.visited().slice(-2)).toEqual(['hours', 'main-menu']);
    });

    it('refuses a wrong PIN without saying which was wrong, and after three failures hands over to an operator', () => {
      const sut = inEnglish().press('3', '10001#', '9999');
      expect(sut.spoken().slice(-2)).toEqual(['Sorry, that account number and PIN do not match our records.', 'Please enter your account number, followed by the hash key.']);
      sut.press('99999#', '1234');
      expect(sut.runner.nodeId).toBe('ss-account');
      sut.press('10001#', '0000');
      expect(sut.spoken().slice(-2)).toEqual(['We could not verify your account. Please hold for an operator.', 'Please hold for an operator.']);
      expect(sut.last('enqueue')!.queue).toBe('Support');
      expect(sut.of('verifyPin')).toHaveLength(3);
      expect(sut.runner.variables()).toMatchObject({ pinAttempts: 3 });
    });

    it('takes an account number ended by a pause, refuses one too short or with a star, and goes to an operator after the retries', () => {
      const sut = inEnglish().press('3', '10001', '1234');
      expect(sut.spoken().at(-2)).toMatch(/^Thank you, Li Wei/);
      const short = inEnglish().press('3', '12#', '10*01#');
      expect(short.of('pathStep').filter((step) => step.nodeId === 'ss-account' && !step.entry).map((step) => step.outcome)).toEqual(['invalid', 'invalid']);
      short.press('');
      expect(short.visited().at(-1)).toBe('operator');
    });
  });

  describe('caller lists', () => {
    it('refuses a blacklisted caller with a message in both languages, before any menu', () => {
      const sut = dial(OPEN, { callerList: 'blacklist' });
      expect(sut.visited()).toEqual(['init', 'screen-caller', 'refuse']);
      expect(sut.spoken()).toEqual(['对不起，我们无法受理您的来电。再见。', 'We are sorry, we cannot take your call. Goodbye.']);
      expect(sut.last('hangup')).toEqual({ type: 'hangup', reason: 'refused' });
      expect(sut.runner.endReason).toBe('refused');
      expect(sut.of('crmLookup')).toHaveLength(0);
    });

    it('gives a VIP caller top priority in every queue, with the CRM record found by number', () => {
      const sut = inEnglish(OPEN, { callerNumber: '+14155550101', callerList: 'vip' }).press('1');
      expect(sut.last('crmLookup')).toMatchObject({ by: 'caller', value: '+14155550101' });
      expect(sut.last('enqueue')).toMatchObject({ queue: 'Sales', priority: 10, customerId: 'c-alice' });
      expect(inEnglish(OPEN, { callerList: 'vip' }).press('0').last('enqueue')!.priority).toBe(10);
    });
  });

  describe('business hours', () => {
    it('reads the hours in Asia/Shanghai, not UTC', () => {
      expect(inEnglish(AFTER_HOURS).runner.nodeId).toBe('after-hours');
      expect(inEnglish(EARLY_OPEN).runner.nodeId).toBe('main-menu');
      expect(inEnglish(SUNDAY).runner.nodeId).toBe('after-hours');
      expect(inEnglish(OPEN).of('pathStep').find((step) => step.nodeId === 'hours')?.outcome).toBe('open');
    });

    it('takes the branch the configuration forces, whatever the clock says', () => {
      const forced = (hoursOverride: 'open' | 'closed' | 'holiday', at: number) =>
        new FlowSimulator(flow, { callerNumber: '+14155550199', dialedNumber: '1000', channel: 'trunk', callerList: null }, { now: () => at, customers: CUSTOMERS, hoursOverride })
          .start()
          .press('2');
      expect(forced('open', AFTER_HOURS).runner.nodeId).toBe('main-menu');
      expect(forced('open', AFTER_HOURS).of('pathStep').find((step) => step.nodeId === 'hours')?.outcome).toBe('open (override)');
      expect(forced('closed', OPEN).runner.nodeId).toBe('after-hours');
      expect(forced('holiday', OPEN).visited().slice(-3)).toEqual(['hours', 'holiday', 'after-hours']);
    });

    it('announces a holiday, yearly or on one date, then offers the after-hours menu', () => {
      for (const at of [NATIONAL_DAY, SPRING_FESTIVAL]) {
        const sut = inEnglish(at);
        expect(sut.visited().slice(-3)).toEqual(['hours', 'holiday', 'after-hours']);
        expect(sut.spoken()).toContain('Our offices are closed today for a public holiday.');
      }
    });

    it('records a voicemail after hours, kept with the customer known by number', () => {
      const sut = inEnglish(AFTER_HOURS, { callerNumber: '+14155550102' }).press('1');
      const play = sut.of('play').at(-2)!;
      expect(play.prompts.at(-1)).toEqual({ kind: 'tone', frequencies: [1000], durationMs: 400 });
      expect(sut.of('recordVoicemail')[0]).toMatchObject({ maxSeconds: 120, mailbox: 'Support', customerId: 'c-bob', callerNumber: '+14155550102' });
      expect(sut.last('hangup')!.reason).toBe('completed');
    });

    it('schedules a callback to the caller after hours', () => {
      const sut = inEnglish(AFTER_HOURS).press('2');
      expect(sut.spoken().at(-1)).toMatch(/^We can call you back on \+ 1 4 1 5 5 5 5 0 1 9 9 when we open/);
      sut.press('1');
      expect(sut.last('scheduleCallback')).toEqual({ type: 'scheduleCallback', number: '+14155550199', queue: 'Support', language: 'en', customerId: null });
      expect(sut.last('hangup')!.reason).toBe('callback');
    });

    it('does not offer a callback to a web caller without a number, and a declined offer goes back to the menu', () => {
      const web = inEnglish(AFTER_HOURS, { callerNumber: 'web-7f3a', channel: 'web' }).press('2');
      expect(web.visited().slice(-2)).toEqual(['callback-offer', 'after-hours']);
      expect(web.of('scheduleCallback')).toHaveLength(0);
      const declined = inEnglish(AFTER_HOURS).press('2', '5');
      expect(declined.visited().at(-1)).toBe('after-hours');
    });

    it('allows self-service after hours', () => {
      const sut = inEnglish(AFTER_HOURS).press('3', '10003#', '1111');
      expect(sut.spoken().at(-2)).toContain('-42.10 dollars');
    });
  });

  describe('after the queue', () => {
    it('runs the survey when the agent hangs up first, then says goodbye', () => {
      const sut = inEnglish().press('1').send({ type: 'callReturned' });
      expect(sut.runner.nodeId).toBe('survey');
      sut.press('5', '9', '');
      expect(sut.of('surveyAnswer')).toEqual([
        { type: 'surveyAnswer', survey: 'csat', question: 'satisfaction', score: 5 },
        { type: 'surveyAnswer', survey: 'csat', question: 'resolved', score: null },
      ]);
      expect(sut.spoken().slice(-2)).toEqual(['Thank you for your feedback.', 'Thank you for calling. Goodbye.']);
      expect(sut.last('hangup')!.reason).toBe('completed');
    });

    it('offers voicemail when the queue refuses the call', () => {
      const sut = inEnglish().press('1').send({ type: 'handoffFailed', reason: 'queue full' });
      expect(sut.visited().slice(-2)).toEqual(['voicemail', 'goodbye']);
      expect(sut.of('recordVoicemail')).toHaveLength(1);
      expect(sut.of('pathStep').find((step) => step.nodeId === 'sales-queue' && step.outcome?.startsWith('failed'))?.outcome).toBe('failed: queue full');
    });

    it('falls back to the Support queue when the router specialist does not answer', () => {
      const sut = inEnglish().press('2', '1', '1', '3', '2').send({ type: 'handoffFailed', reason: 'no-answer' });
      expect(sut.last('enqueue')!.queue).toBe('Support');
    });
  });

  describe('events', () => {
    it('ignores stale and unexpected events, and everything after the end', () => {
      const sut = new FlowRunner(flow, { callerNumber: '', dialedNumber: '1000', channel: 'web', callerList: null }, { now: () => OPEN });
      expect(sut.handle({ type: 'playbackDone', reason: 'finished' })).toEqual([]);
      const first = sut.handle({ type: 'started' });
      // No caller number: not looked up; the greeting plays.
      const play = first.find((action) => action.type === 'play')!;
      expect(sut.handle({ type: 'started' })).toEqual([]);
      expect(sut.handle({ type: 'playbackDone', reason: 'stopped', seq: play.seq - 1 })).toEqual([]);
      expect(sut.handle({ type: 'digitsCollected', digits: '1', reason: 'max-digits' })).toEqual([]);
      expect(sut.handle({ type: 'playbackDone', reason: 'interrupted', seq: play.seq }).map((action) => action.type)).toEqual(['pathStep', 'pathStep', 'collect']);
      const hangup = sut.handle({ type: 'hangup' });
      expect(hangup).toEqual([{ type: 'pathStep', nodeId: 'choose-language', kind: 'languageChoice', at: OPEN, entry: false, outcome: 'caller hung up' }]);
      expect(sut.status).toBe('ended');
      expect(sut.endReason).toBe('caller-hangup');
      expect(sut.handle({ type: 'digitsCollected', digits: '1', reason: 'max-digits' })).toEqual([]);
    });

    it('treats a watchdog timeout as silence, a failed playback and an empty lookup', () => {
      const sut = new FlowSimulator(flow, { callerNumber: '+14155550102', dialedNumber: '1000', channel: 'trunk', callerList: null }, { now: () => OPEN });
      sut.runner.handle({ type: 'started' });
      expect(sut.runner.handle({ type: 'timeout' }).map((action) => action.type)).toEqual(['pathStep', 'pathStep', 'play']);
      expect(sut.runner.handle({ type: 'timeout' }).at(-1)).toMatchObject({ type: 'collect' });
      expect(sut.runner.handle({ type: 'timeout' }).at(-1)).toMatchObject({ type: 'collect', prompts: expect.arrayContaining([{ kind: 'speech', language: 'en', text: 'Sorry, we did not hear your choice.' }]) });
    });

    it('continues from a snapshot exactly as the original would', () => {
      const original = inEnglish().press('3', '10001#');
      const restored = FlowRunner.restore(flow, original.runner.snapshot(), { now: () => OPEN });
      const collect = original.last('collect')!;
      const event = { type: 'digitsCollected', digits: '1234', reason: 'max-digits', seq: collect.seq } as const;
      expect(restored.handle(event)).toEqual(original.runner.handle(event));
      expect(restored.snapshot()).toEqual(original.runner.snapshot());
    });
  });
  describe('guards and fallbacks', () => {
    const loop = validFlow({
      schemaVersion: 1,
      id: 'loop',
      name: 'A loop that never waits',
      version: 1,
      start: 'count',
      nodes: {
        count: { kind: 'setVariable', assign: [{ variable: 'n', add: 1 }], next: 'again' },
        again: { kind: 'condition', branches: [{ when: { op: 'lt', variable: 'n', value: 1_000_000 }, next: 'count' }], otherwise: 'done' },
        done: { kind: 'hangup' },
      },
    });

    it('ends a loop of nodes that never wait with an error instead of spinning', () => {
      const sut = new FlowRunner(loop, { callerNumber: '1', dialedNumber: '2', channel: 'trunk', callerList: null }, { now: () => 0, maxStepsPerInput: 10 });
      const actions = sut.handle({ type: 'started' });
      expect(actions.at(-2)).toMatchObject({ type: 'error', code: 'ivr/step-limit', nodeId: 'again' });
      expect(actions.at(-1)).toEqual({ type: 'hangup', reason: 'flow-error' });
      expect(sut.status).toBe('ended');
      expect(sut.variables().n).toBe(5);
    });

    const bilingual = validFlow({
      schemaVersion: 1,
      id: 'fallback',
      name: 'Prompts missing a language',
      version: 1,
      languages: ['en', 'zh'],
      defaultLanguage: 'en',
      start: 'english-only',
      nodes: {
        'english-only': { kind: 'play', prompt: { en: 'Only English here.' }, next: 'chinese-only' },
        'chinese-only': { kind: 'play', prompt: { zh: [{ file: 'zh/notice.wav' }, { say: '只有中文。' }] }, next: 'switch' },
        switch: { kind: 'setVariable', assign: [{ variable: 'language', value: 'fr' }, { variable: 'copy', value: '{{language}}' }], next: 'bye' },
        bye: { kind: 'hangup', prompt: { en: '{{customer.name}}', zh: '再见' } },
      },
    });

    it('plays the other language when a prompt lacks the caller’s, with that language’s voice', () => {
      const sut = new FlowSimulator(bilingual, { callerNumber: '', dialedNumber: '', channel: 'web', callerList: null, language: 'zh' }, { now: () => 0 }).start();
      expect(sut.of('play').map((play) => play.prompts)).toEqual([
        [{ kind: 'speech', text: 'Only English here.', language: 'en' }],
        [
          { kind: 'file', path: 'zh/notice.wav' },
          { kind: 'speech', text: '只有中文。', language: 'zh' },
        ],
        [{ kind: 'speech', text: '再见', language: 'zh' }],
      ]);
      expect(sut.runner.variables()).toMatchObject({ language: 'zh', copy: 'zh' });
    });

    it('skips a prompt whose text renders empty', () => {
      const sut = new FlowSimulator(bilingual, { callerNumber: '', dialedNumber: '', channel: 'web', callerList: null }, { now: () => 0 }).start();
      expect(sut.of('play')).toHaveLength(2);
      expect(sut.last('hangup')).toEqual({ type: 'hangup', reason: 'completed' });
    });
  });
});
