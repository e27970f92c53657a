import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';
import { IsIsoDate, IsIsoInstant } from '../common/validators';

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'a day (its end, 24:00 Paris) or an instant with offset; default now' })
  @IsOptional()
  @ValidateIf((o: TimelineQueryDto) => typeof o.asOf === 'string' && o.asOf.length === 10)
  @IsIsoDate()
  @ValidateIf((o: TimelineQueryDto) => typeof o.asOf === 'string' && o.asOf.length !== 10)
  @IsIsoInstant()
  asOf?: string;
}
