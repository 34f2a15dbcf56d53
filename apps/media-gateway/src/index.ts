export { MediaGateway, type StartOptions } from './media-gateway.js';
export { type GatewayControl } from './control/gateway-control.js';
export { RemoteGatewayControl } from './control/remote-control.js';
export { type MediaBackend } from './calls/media-backend.js';
export { LegsMediaBackend } from './calls/legs-media-backend.js';
export { loadGatewayConfig, GatewayConfigError, type GatewayConfig } from './config.js';
export { type GatewayStatus } from './control/control-server.js';
export { mintCredential, type SipCredential } from './sip/digest.js';
// For bench/srtp-cost.ts: werift's SRTP contexts with the gateway's ciphers.
export { useGatewayCipher, useGatewaySrtp } from './legs/srtp/werift-srtp.js';
export { DirectRtpSender } from './legs/direct-rtp-sender.js';
