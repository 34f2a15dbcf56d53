import { z } from 'zod';
import { AgentStateNameSchema } from '../realtime/agent-desk.js';
import { IdSchema } from './common.js';
import { SkillListSchema, SkillLevelSchema } from './users.js';

/**
 * A supervisor's control of agents (issue 6 point 3): force a state, change skills live,
 * message one agent or all. Supervisors and admins only; every action is audited.
 */

export const AgentIdParamSchema = z.object({ agentId: IdSchema });

/**
 * `POST /api/agents/:agentId/state`: Available, Not ready with a reason, or logged out
 * (`offline`). Forcing Available or Not ready applies to a logged-in agent only: logging in
 * is the agent's own act. Answered with the agent's new state.
 */
export const ForceAgentStateRequestSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('available') }),
  z.strictObject({ state: z.literal('not-ready'), reasonId: z.string().min(1).max(64) }),
  z.strictObject({ state: z.literal('offline') }),
]);
export type ForceAgentStateRequest = z.infer<typeof ForceAgentStateRequestSchema>;

export const ForcedAgentStateSchema = z.object({
  agentId: z.string(),
  state: AgentStateNameSchema,
  reasonId: z.string().nullable(),
  since: z.string(),
});
export type ForcedAgentState = z.infer<typeof ForcedAgentStateSchema>;

/** `PUT /api/agents/:agentId/skills`: the agent's whole skill list; the ACD routes by it from the next decision. */
export const UpdateAgentSkillsRequestSchema = z.strictObject({ skills: SkillListSchema });
export type UpdateAgentSkillsRequest = z.infer<typeof UpdateAgentSkillsRequestSchema>;

export const AgentSkillsSchema = z.object({ agentId: z.string(), skills: z.array(SkillLevelSchema) });
export type AgentSkills = z.infer<typeof AgentSkillsSchema>;

/** `GET /api/agents/skills`: every agent's skills, for the wallboard's skill editor. */
export const AgentSkillsListSchema = z.object({ agents: z.array(AgentSkillsSchema) });
export type AgentSkillsList = z.infer<typeof AgentSkillsListSchema>;

export const AGENT_MESSAGE_MAX_LENGTH = 500;

/** `POST /api/agents/messages`: a message to one agent (`agentId`) or to every agent (`agentId` null). */
export const SendAgentMessageRequestSchema = z.strictObject({
  agentId: IdSchema.nullable(),
  text: z.string().trim().min(1, 'required').max(AGENT_MESSAGE_MAX_LENGTH),
});
export type SendAgentMessageRequest = z.infer<typeof SendAgentMessageRequestSchema>;

/** `agent:message` (server → the agent's room, or every agent), and the answer to the sender. */
export const AgentMessageSchema = z.object({
  messageId: z.string(),
  text: z.string(),
  /** The sender's display name. */
  from: z.string(),
  sentAt: z.string(),
  /** Sent to every agent, not to this one alone. */
  broadcast: z.boolean(),
});
export type AgentMessage = z.infer<typeof AgentMessageSchema>;
