import { describe, expect, it } from 'vitest';
import { GatewayConfigError, loadGatewayConfig } from './config.js';
import { RemoteGatewayControl } from './control/remote-control.js';
import { MediaGateway } from './media-gateway.js';

describe(MediaGateway.name, () => {
  it('starts, answers health on its control endpoint, and stops', async () => {
    const sut = new MediaGateway(loadGatewayConfig({ GATEWAY_CONTROL_PORT: '0', SIP_UDP_PORT: '0', SIP_CREDENTIAL_SECRET: 's'.repeat(32) }));
    const { control: address } = await sut.start();
    const control = address!;
    const answer = await fetch(`http://127.0.0.1:${control.port}/health`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'ok', capabilities: ['sip-ws', 'sip-udp', 'registrar', 'calls', 'control'] });
    await sut.stop();
    await expect(fetch(`http://127.0.0.1:${control.port}/health`)).rejects.toThrow();
  });

  it('names every bad setting', () => {
    let problems: string[] = [];
    try {
      loadGatewayConfig({ SIP_UDP_PORT: '99999', RTP_PORT_MIN: '30000', RTP_PORT_MAX: '20000', SIP_TRUNK_URI: 'http://x', SIP_CREDENTIAL_SECRET: 's'.repeat(32) });
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayConfigError);
      problems = (error as GatewayConfigError).problems;
    }
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['RTP_PORT_MIN', 'SIP_TRUNK_URI', 'SIP_UDP_PORT']);
    expect(() => loadGatewayConfig({})).toThrow(/SIP_CREDENTIAL_SECRET/);
  });

  it('takes commands over its control socket from a server holding the shared secret', async () => {
    const secret = 'c'.repeat(32);
    const sut = new MediaGateway(loadGatewayConfig({ GATEWAY_CONTROL_PORT: '0', SIP_UDP_PORT: '0', SIP_CREDENTIAL_SECRET: secret }));
    const { control } = await sut.start();
    const url = `ws://127.0.0.1:${control!.port}/control`;
    try {
      await expect(RemoteGatewayControl.connect(url, 'w'.repeat(32))).rejects.toThrow(/401/);
      const client = await RemoteGatewayControl.connect(url, secret);
      expect(await client.execute({ command: 'answer' } as never)).toMatchObject({ ok: false, error: { code: 'gateway/invalid-command', message: expect.stringContaining('legId') } });
      expect(await client.execute({ command: 'answer', legId: 'leg-nope' })).toMatchObject({ ok: false, error: { code: 'gateway/unknown-leg' } });
      expect(await client.execute({ command: 'bridge', bridgeId: 'b1', legIds: ['a', 'b'] })).toMatchObject({ ok: false, error: { code: 'gateway/unknown-leg' } });
      expect(await client.execute({ command: 'originate', legId: 'x', to: { kind: 'user', sipUser: '2001' } })).toMatchObject({ ok: false, error: { code: 'gateway/unreachable', message: '2001 is not registered' } });
      await client.close();
    } finally {
      await sut.stop();
    }
  });
});
