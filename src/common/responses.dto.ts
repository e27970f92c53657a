import { applyDecorators, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiResponse } from '@nestjs/swagger';
import type { ErrorBody } from './error.filter';
import type { FieldProblem } from './errors';
import type { Localized } from './i18n';

/*
 * Response DTOs shared by every module, and the decorators that declare responses in the OpenAPI
 * document (openapi.json). Response DTOs carry only documentation: nothing validates what the API
 * sends, the types do (a controller's return type is its response DTO, so tsc compares them).
 */

/** One field-level problem of a refused request. */
export class FieldProblemDto implements FieldProblem {
  @ApiProperty({ example: 'dataCategories[0].category', description: 'path of the field in the request' })
  field!: string;

  @ApiProperty({ example: 'must be one of: identity, …' })
  problem!: string;
}

/** Every error the API answers, whatever its status (common/error.filter.ts). */
export class ErrorResponseDto implements ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'validation_failed', description: 'stable, for programs' })
  code!: string;

  @ApiProperty({ example: 'The request is not valid', description: 'for people' })
  message!: string;

  @ApiProperty({ type: () => [FieldProblemDto] })
  details!: FieldProblemDto[];
}

/** A text in both of the users' languages. */
export class LocalizedDto implements Localized {
  @ApiProperty()
  fr!: string;

  @ApiProperty()
  en!: string;
}

/** Schema options of an instant (what records, audit rows, keys and versions store) and of a calendar day. */
export const INSTANT = { type: String, format: 'date-time', description: 'ISO 8601 instant, UTC' } as const;
export const DAY = { type: String, format: 'date', example: '2025-06-30' } as const;

/** What a record (or an organisation) holds as written, with the timestamps every stored view carries. */
export type Timestamped<D> = D & { createdAt: string; updatedAt: string };

/**
 * The response DTO of a kind of record: its create DTO (what was written, references as keys) and its
 * timestamps. Each kind names its own (`class TreatmentViewDto extends RecordViewOf(…)`), so the document
 * has one schema per kind.
 */
export function RecordViewOf<D extends object>(createDto: Type<D>): Type<Timestamped<D>> {
  class RecordViewDto extends (createDto as Type<object>) {
    @ApiProperty({ ...INSTANT, description: 'when the record was created' })
    createdAt!: string;

    @ApiProperty({ ...INSTANT, description: 'when the record was last changed' })
    updatedAt!: string;
  }
  return RecordViewDto as Type<Timestamped<D>>;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 503;

const ERRORS: Record<ErrorStatus, string> = {
  400: 'invalid request: each problem is named in details (field, problem)',
  401: 'no API key, or an unknown, expired or revoked one',
  403: "the key's role or organisations do not allow it",
  404: 'no such organisation or record',
  409: 'conflict with what is stored (a key taken, a record still referred to)',
  413: 'the request body is too large',
  415: 'the media type of the request body is not one this route reads',
  503: 'the renderer is busy (render_busy, with Retry-After: try again then) or the server is stopping',
};

/** The error responses a route may answer, in the error filter's shape. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERRORS[status], type: ErrorResponseDto })),
  );
}

/** Every route of the controller needs an API key (`Authorization: Bearer …`). */
export function ApiProtected(): ClassDecorator & MethodDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, 403));
}

/** A file answer (PDF, Word, spreadsheet, calendar, HTML preview): bytes of one of these media types. */
export function ApiFileResponse(description: string, mediaTypes: readonly string[]): MethodDecorator {
  const content = Object.fromEntries(
    mediaTypes.map((type) => [type, { schema: { type: 'string' as const, format: 'binary' } }]),
  );
  return ApiResponse({ status: 200, description, content });
}
