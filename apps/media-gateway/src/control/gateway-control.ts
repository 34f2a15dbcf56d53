import { type CommandResult, type GatewayCommand, type GatewayCommandInput, GatewayCommandSchema, GatewayErrorCode, type GatewayEvent } from '@ccx/contracts';

/**
 * The one interface through which the server drives a gateway, whether the gateway runs in
 * the server's process (LocalGatewayControl) or in its own (RemoteGatewayControl over the
 * control WebSocket). Commands are validated with the contracts' schema on the gateway
 * side of either path, so a bad command is refused with its reason and changes nothing.
 */
export interface GatewayControl {
  execute(command: GatewayCommandInput): Promise<CommandResult>;
  onEvent(listener: (event: GatewayEvent) => void): () => void;
  close(): Promise<void>;
}

/** What executes parsed commands inside the gateway (the MediaGateway implements it). */
export interface CommandExecutor {
  executeParsed(command: GatewayCommand): Promise<void>;
}

export class CommandFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** Parses, executes and turns any failure into a result: shared by both transports. */
export async function runCommand(executor: CommandExecutor, input: unknown): Promise<CommandResult> {
  const parsed = GatewayCommandSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: GatewayErrorCode.Invalid, message } };
  }
  try {
    await executor.executeParsed(parsed.data);
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      error: { code: typeof code === 'string' ? code : 'gateway/internal', message: (error as Error).message },
    };
  }
}
