import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';
import { IsIsoDate, IsIsoInstant } from '../common/validators';
import { BreachesService } from './breaches.service';

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'a day (its end, 24:00 Paris) or an instant with offset; default now' })
  @IsOptional()
  @ValidateIf((o: TimelineQueryDto) => typeof o.asOf === 'string' && o.asOf.length === 10)
  @IsIsoDate()
  @ValidateIf((o: TimelineQueryDto) => typeof o.asOf === 'string' && o.asOf.length !== 10)
  @IsIsoInstant()
  asOf?: string;
}

@ApiTags('breaches')
@Controller('organisations/:slug/breaches')
export class BreachesController {
  constructor(private readonly breaches: BreachesService) {}

  @Get(':key/timeline')
  @ApiOperation({ summary: 'Notification chain of a breach: each party’s due instant and status at a date' })
  timeline(@Param('slug') slug: string, @Param('key') key: string, @Query() query: TimelineQueryDto) {
    return this.breaches.timeline(slug, key, query.asOf);
  }
}
