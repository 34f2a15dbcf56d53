import { type CommandResult, type GatewayCommandInput, type GatewayEvent } from '@ccx/contracts';
import { type CommandExecutor, type GatewayControl, runCommand } from './gateway-control.js';

/** The gateway in the server's own process: commands are method calls, events callbacks. */
export class LocalGatewayControl implements GatewayControl {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly subscribe: (listener: (event: GatewayEvent) => void) => () => void,
  ) {}

  execute(command: GatewayCommandInput): Promise<CommandResult> {
    return runCommand(this.executor, command);
  }

  onEvent(listener: (event: GatewayEvent) => void): () => void {
    return this.subscribe(listener);
  }

  async close(): Promise<void> {}
}
