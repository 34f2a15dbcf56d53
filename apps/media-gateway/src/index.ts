export { MediaGateway } from './media-gateway.js';
export { loadGatewayConfig, GatewayConfigError, type GatewayConfig } from './config.js';
export { type GatewayStatus } from './control/control-server.js';
