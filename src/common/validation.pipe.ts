import { ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidationFailedError, flattenValidationErrors } from './errors';
import { STRICT_VALIDATION } from './validate';

/** Global pipe (APP_PIPE): unknown fields rejected, every problem reported with its field path. */
export function strictValidationPipe(options: ValidationPipeOptions = {}): ValidationPipe {
  return new ValidationPipe({
    ...STRICT_VALIDATION,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
    ...options,
  });
}
