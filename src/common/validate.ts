import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldProblem, flattenValidationErrors } from './errors';

/** The same options as the global ValidationPipe: unknown fields are errors, not silently dropped. */
export const STRICT_VALIDATION = { whitelist: true, forbidNonWhitelisted: true } as const;

export function validateAs<T extends object>(
  cls: new () => T,
  plain: unknown,
  prefix = '',
): { value: T; problems: FieldProblem[] } {
  const value = plainToInstance(cls, plain);
  return { value, problems: flattenValidationErrors(validateSync(value, STRICT_VALIDATION), prefix) };
}
