import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Flow, formatFlowIssue, validateFlow } from '@ccx/contracts';

/**
 * The demo tenant's IVR flows (SPEC.md), kept in contracts as known-good fixtures so the
 * schema tests, the runner tests and the server all use the same files: the main line
 * (1000) and the direct Support line (1001).
 */
const fixture = (name: string) => createRequire(import.meta.url).resolve(`@ccx/contracts/ivr/fixtures/good/${name}`);

export const DEMO_FLOW_FILE = fixture('demo-main.json');
export const SUPPORT_FLOW_FILE = fixture('demo-support.json');

function loadFlow(file: string): Flow {
  const result = validateFlow(JSON.parse(readFileSync(file, 'utf8')));
  // The fixtures are tested in contracts; failing here is a bug, not bad input.
  if (!result.ok) throw new Error(`flow ${file} is invalid:\n${result.errors.map(formatFlowIssue).join('\n')}`);
  return result.flow;
}

export function loadDemoFlow(): Flow {
  return loadFlow(DEMO_FLOW_FILE);
}

export function loadSupportFlow(): Flow {
  return loadFlow(SUPPORT_FLOW_FILE);
}
