import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { databaseProblem } from './database-errors';
import { BusyError, DomainError, FieldProblem } from './errors';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: FieldProblem[];
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Any error → the stable JSON shape. Unknown errors become a generic 500 (logged, never echoed). */
export function toErrorBody(error: unknown, logger?: Logger): ErrorBody {
  const unavailable = databaseProblem(error);
  if (unavailable && unavailable !== error) {
    // The operator must know (a full disk, a read-only file); the client gets the condition, not the SQL.
    logger?.warn(`${unavailable.code}: ${error instanceof Error ? error.message : String(error)}`);
    error = unavailable;
  }
  if (error instanceof DomainError) {
    return { statusCode: error.status, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const raw =
      typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : error.message;
    return { statusCode: status, code: CODES[status] ?? `http_${status}`, message, details: [] };
  }
  const bodyParser = bodyParserError(error);
  if (bodyParser) return bodyParser;
  const constraint = constraintError(error);
  if (constraint) return constraint;
  logger?.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { statusCode: 500, code: 'internal_error', message: 'Internal server error', details: [] };
}

/** Errors raised by Express's body parser before Nest sees the request (malformed JSON, too large). */
function bodyParserError(error: unknown): ErrorBody | undefined {
  const e = error as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') {
    const detail = error instanceof Error ? error.message : 'malformed JSON';
    return {
      statusCode: 400,
      code: 'malformed_json',
      message: 'The request body is not valid JSON',
      details: [{ field: '(body)', problem: detail }],
    };
  }
  if (e?.type === 'encoding.invalid') {
    return {
      statusCode: 400,
      code: 'invalid_utf8',
      message: 'The request body is not valid UTF-8',
      details: [{ field: '(body)', problem: 'must be UTF-8 text' }],
    };
  }
  if (e?.type === 'entity.too.large') {
    return { statusCode: 413, code: 'payload_too_large', message: 'The request body is too large', details: [] };
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.type) {
    return {
      statusCode: e.status,
      code: CODES[e.status] ?? 'bad_request',
      message: 'The request could not be read',
      details: [],
    };
  }
  return undefined;
}

function constraintText(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return `${error.message} ${(error.driverError as { code?: string })?.code ?? ''}`;
}

/** A unique index refused the write (SQLite or PostgreSQL): another writer got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint|23505/.test(constraintText(error) ?? '');
}

/** Backstop for races the services cannot see (two writers, same key): a 409, not a 500. */
function constraintError(error: unknown): ErrorBody | undefined {
  const text = constraintText(error);
  if (text === undefined) return undefined;
  if (isUniqueViolation(error)) {
    return { statusCode: 409, code: 'conflict', message: 'A record with the same key already exists', details: [] };
  }
  if (/FOREIGN KEY constraint|23503/.test(text)) {
    return { statusCode: 409, code: 'conflict', message: 'The change would leave a dangling reference', details: [] };
  }
  return undefined;
}

/** Pages for people (the web application) answer errors as HTML; the API keeps its JSON. */
export abstract class HtmlErrorPages {
  abstract handles(request: Request): boolean;
  /** Returns true when it answered (a redirect, or a page); false to fall back to JSON. */
  abstract render(error: unknown, body: ErrorBody, request: Request, response: Response): boolean;
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() private readonly html?: HtmlErrorPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const body = toErrorBody(error, this.logger);
    if (this.html?.handles(request) && this.html.render(error, body, request, response)) return;
    if (body.statusCode === Number(HttpStatus.NOT_FOUND) && !(error instanceof DomainError)) {
      body.message = 'No such route';
    }
    const retryAfter = error instanceof BusyError ? error.retryAfterSeconds : databaseProblem(error)?.retryAfterSeconds;
    if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}
