import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { INSTANT } from '../common/responses.dto';
import { IsIsoInstant } from '../common/validators';
import type { AuditView } from './audit.service';

/** What the audit trail records. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import', 'acknowledge', 'publish', 'revoke'] as const;

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'entity, e.g. Treatment, Subcontractor, Organisation' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entity?: string;

  @ApiPropertyOptional({ description: 'record key' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  key?: string;

  @ApiPropertyOptional({ description: 'key id of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({ default: 200, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AuditActorDto {
  @ApiProperty({ description: 'the key or the person that wrote' })
  id!: string;

  @ApiProperty()
  name!: string;
}

const RECORD_VALUES = { type: 'object', additionalProperties: true, nullable: true } as const;

/** One write of the audit trail. */
export class AuditViewDto implements AuditView {
  @ApiProperty(INSTANT)
  at!: string;

  @ApiProperty({ type: () => AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action!: string;

  @ApiProperty({ example: 'Treatment' })
  entity!: string;

  @ApiProperty({ description: 'the record key' })
  key!: string;

  @ApiProperty({ ...RECORD_VALUES, description: 'the record before the write' })
  before!: Record<string, unknown> | null;

  @ApiProperty({ ...RECORD_VALUES, description: 'the record after the write' })
  after!: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: "set when the reader's role may not see the values (they are then null)" })
  masked?: string;
}
