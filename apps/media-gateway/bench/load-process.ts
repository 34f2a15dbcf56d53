/**
 * A load process (forked by the bench controller): generates its share of the calls in an
 * event loop of its own, so neither the controller's nor another load process's work shows
 * up in its timing. Speaks the messages of ipc.ts.
 */
import { type FromLoad, type ToLoad } from './ipc.js';
import { LoadGenerator } from './load-generator.js';

if (!process.send) {
  console.error('load-process is forked by the bench (node dist/bench/cli.js), not run by hand');
  process.exit(2);
}

const send = (message: FromLoad) => process.send?.(message);
let generator: LoadGenerator | null = null;

process.on('message', (message: ToLoad) => {
  void handle(message).catch((error: Error) => {
    console.error(`load process ${process.pid}: ${error.stack ?? error.message}`);
    process.exit(1);
  });
});
// The controller's death must not leave calls running.
process.on('disconnect', () => process.exit(0));

async function handle(message: ToLoad): Promise<void> {
  switch (message.type) {
    case 'init':
      generator = await LoadGenerator.start(message.gateway, message.setupTimeoutMs, message.traceDir, {
        dropped: (call, leg, reason) => send({ type: 'dropped', call, leg, reason }),
      });
      send({ type: 'ready', pid: process.pid });
      return;
    case 'setup': {
      const load = required();
      load.setup(message.call, message.credential).then(
        ({ webMs, rtpMs }) => send({ type: 'setupDone', call: message.call, webMs, rtpMs }),
        (error: Error) => send({ type: 'setupFailed', call: message.call, reason: error.message }),
      );
      return;
    }
    case 'measure':
      send({ type: 'measured', result: await required().measure(message.windowMs, message.graceMs) });
      return;
    case 'hangup':
      await required().hangup(message.calls);
      send({ type: 'hungUp', calls: message.calls });
      return;
    case 'exit':
      await generator?.close();
      process.exit(0);
  }
}

function required(): LoadGenerator {
  if (!generator) throw new Error('load process not initialised');
  return generator;
}
