import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldProblem, flattenValidationErrors } from './errors';
import { jsonShapeProblem } from './json-shape';
import { instanceFast, validFast } from './fast-dto';

/** The same options as the global ValidationPipe: unknown fields are errors, not silently dropped. */
export const STRICT_VALIDATION = { whitelist: true, forbidNonWhitelisted: true } as const;

/**
 * Validates plain data (a bundle read from a file, a merged patch) as the API validates a body: its
 * depth and keys first (the validators recurse), then its shape.
 */
export function validateAs<T extends object>(
  cls: new () => T,
  plain: unknown,
  prefix = '',
): { value: T; problems: FieldProblem[] } {
  const shape = jsonShapeProblem(plain, undefined, prefix);
  if (shape) return { value: undefined as unknown as T, problems: [shape] };
  // The fast path (common/fast-dto.ts) answers only "this instance, valid"; otherwise the libraries
  // build the instance and name the problems.
  const fast = instanceFast(cls, plain);
  if (fast && validFast(fast)) return { value: fast, problems: [] };
  const value = plainToInstance(cls, plain);
  return { value, problems: flattenValidationErrors(validateSync(value, STRICT_VALIDATION), prefix) };
}
