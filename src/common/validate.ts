import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldProblem, flattenValidationErrors } from './errors';
import { jsonShapeProblem } from './json-shape';

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
  const value = plainToInstance(cls, plain);
  return { value, problems: flattenValidationErrors(validateSync(value, STRICT_VALIDATION), prefix) };
}
