import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIsoInstant } from '../common/validators';

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

  @ApiPropertyOptional({ enum: ['create', 'update', 'delete', 'acknowledge', 'publish'] })
  @IsOptional()
  @IsIn(['create', 'update', 'delete', 'acknowledge', 'publish'])
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
