import { type PipeTransform } from '@nestjs/common';
import { ErrorCode, toFieldIssues } from '@ccx/contracts';
import { type z } from 'zod';
import { AppError } from './app-error.js';

/** Parses a body, params or query with a contracts schema; a mismatch is a 400 naming each field. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    return parseInput(this.schema, value);
  }
}

/** The input parsed with `schema`, or an AppError (400) whose `issues` name each bad field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issues = toFieldIssues(result.error);
    throw new AppError(ErrorCode.Validation, `invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }
  return result.data;
}
