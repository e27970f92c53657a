import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDate, LIMITS, OptionalText } from '../common/validators';

export class AlertsQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'acknowledged'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged'])
  status?: 'open' | 'acknowledged';
}

export class ScanQueryDto {
  @ApiPropertyOptional({ description: 'the day scanned (Europe/Paris); default today' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

export class AcknowledgeDto {
  @OptionalText(LIMITS.shortText, 'who acknowledged and why')
  note?: string;
}
