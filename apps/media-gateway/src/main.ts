// The gateway as its own process: `node dist/main.js` (the app's `start` script).
import { GatewayConfigError, loadGatewayConfig, type GatewayConfig } from './config.js';
import { MediaGateway } from './media-gateway.js';

let config: GatewayConfig;
try {
  config = loadGatewayConfig();
} catch (error) {
  if (error instanceof GatewayConfigError) {
    console.error(`The media gateway cannot start: ${error.message}`);
    process.exit(78);
  }
  throw error;
}

const gateway = new MediaGateway(config);
gateway.on('log', (event) => console.log(JSON.stringify({ level: 'info', ...event })));
gateway.on('event', (event) => console.log(JSON.stringify({ level: 'info', msg: 'gateway event', ...event })));
const { control, sipUdp } = await gateway.start();
console.log(
  JSON.stringify({
    level: 'info',
    msg: 'media gateway started',
    control: control && `http://${control.address}:${control.port}`,
    sipWebSocket: control && `ws://${control.address}:${control.port}/sip`,
    sipUdp: sipUdp && `${sipUdp.address}:${sipUdp.port}`,
  }),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    gateway.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
