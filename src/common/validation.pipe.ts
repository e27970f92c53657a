import { ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidationFailedError, flattenValidationErrors } from './errors';
import { STRICT_VALIDATION } from './validate';

/** Global pipe (APP_PIPE): unknown fields rejected, every problem reported with its field path. */
export function strictValidationPipe(options: ValidationPipeOptions = {}): ValidationPipe {
  return new ValidationPipe({
    ...STRICT_VALIDATION,
    // The flattened problems never carry the object; the target tells which record an unknown field was
    // sent to, so that its problem can name where such a fact belongs (validators.ts).
    validationError: { target: true },
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
    ...options,
  });
}
