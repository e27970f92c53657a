import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDateOrInstant } from '../common/validators';

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'a day (its end, 24:00 Paris) or an instant with offset; default now' })
  @IsOptional()
  @IsIsoDateOrInstant()
  asOf?: string;
}
