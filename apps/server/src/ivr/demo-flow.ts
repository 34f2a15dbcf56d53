import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Flow, formatFlowIssue, validateFlow } from '@ccx/contracts';

/**
 * The demo tenant's main IVR (SPEC.md), kept in contracts as a known-good fixture so the
 * schema tests, the runner tests and the demo seed all use the one file.
 */
export const DEMO_FLOW_FILE = createRequire(import.meta.url).resolve('@ccx/contracts/ivr/fixtures/good/demo-main.json');

export function loadDemoFlow(): Flow {
  const result = validateFlow(JSON.parse(readFileSync(DEMO_FLOW_FILE, 'utf8')));
  // The fixture is tested in contracts; failing here is a bug, not bad input.
  if (!result.ok) throw new Error(`demo flow is invalid:\n${result.errors.map(formatFlowIssue).join('\n')}`);
  return result.flow;
}
