import { HttpStatus } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { unknownFieldProblem } from './validators';

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

/** The server cannot take the work now (a full queue, a memory budget): a 503 with Retry-After. */
export class BusyError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.SERVICE_UNAVAILABLE, code, message);
  }
}

/**
 * class-validator errors → one problem per failed constraint, with a dotted/indexed path, in
 * depth-first order. Walks with an explicit stack: no input depth can exhaust the call stack.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  const stack = [...errors].reverse().map((error) => ({ error, prefix }));
  while (stack.length) {
    const { error, prefix: parent } = stack.pop() as { error: ValidationError; prefix: string };
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const path = parent ? (segment.startsWith('[') ? `${parent}${segment}` : `${parent}.${segment}`) : segment;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      if (constraint === 'whitelistValidation') {
        out.push({ field: path, problem: unknownFieldProblem(error.target?.constructor?.name, error.property) });
        continue;
      }
      out.push({
        field: path,
        problem: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
      });
    }
    const children = error.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ error: children[i], prefix: path });
  }
  return out;
}
