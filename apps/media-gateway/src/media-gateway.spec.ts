import { describe, expect, it } from 'vitest';
import { GatewayConfigError, loadGatewayConfig } from './config.js';
import { MediaGateway } from './media-gateway.js';

describe(MediaGateway.name, () => {
  it('starts, answers health on its control endpoint, and stops', async () => {
    const sut = new MediaGateway(loadGatewayConfig({ GATEWAY_CONTROL_PORT: '0', SIP_UDP_PORT: '0', SIP_CREDENTIAL_SECRET: 's'.repeat(32) }));
    const { control: address } = await sut.start();
    const control = address!;
    const answer = await fetch(`http://127.0.0.1:${control.port}/health`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'ok', capabilities: ['sip-ws', 'sip-udp', 'registrar'] });
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
});
