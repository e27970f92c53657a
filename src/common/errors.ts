import { HttpStatus } from '@nestjs/common';
import { ValidationError } from 'class-validator';

export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * Errors the domain raises on a user's mistake. The global filter (HTTP) and the CLI both turn them
 * into the same `{ statusCode, code, message, details }` shape; anything else is a 500.
 */
export class DomainError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(details: FieldProblem[], message = 'The request is not valid') {
    super(HttpStatus.BAD_REQUEST, 'validation_failed', message, details);
  }
}

export class InvalidReferenceError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(HttpStatus.BAD_REQUEST, 'invalid_reference', 'A reference names no record of this organisation', details);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, key: string) {
    super(HttpStatus.NOT_FOUND, 'not_found', `${what} "${key}" was not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: FieldProblem[] = []) {
    super(HttpStatus.CONFLICT, 'conflict', message, details);
  }
}

/** class-validator errors → one problem per failed constraint, with a dotted/indexed path. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const path = prefix ? (segment.startsWith('[') ? `${prefix}${segment}` : `${prefix}.${segment}`) : segment;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({
        field: path,
        problem: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}
