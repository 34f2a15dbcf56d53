export { MediaGateway, type RegistrationEvent, type StartOptions } from './media-gateway.js';
export { loadGatewayConfig, GatewayConfigError, type GatewayConfig } from './config.js';
export { type GatewayStatus } from './control/control-server.js';
export { mintCredential, type SipCredential } from './sip/digest.js';
