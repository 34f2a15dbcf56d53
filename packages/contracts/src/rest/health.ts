import { z } from 'zod';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number(),
  database: z.enum(['embedded', 'postgresql']),
  demo: z.boolean(),
});
export type Health = z.infer<typeof HealthSchema>;
