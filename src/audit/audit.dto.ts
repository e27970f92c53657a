import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIsoInstant } from '../common/validators';

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
