import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DAY, INSTANT, LocalizedDto } from '../common/responses.dto';
import { IsIsoDate, LIMITS, OptionalText } from '../common/validators';
import { SUBJECT_TYPES } from '../snapshot/snapshot';
import type { ScanResult } from './alerts.service';
import { ALERT_KINDS } from './candidates';

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

export class AlertSubjectDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  type!: string;

  @ApiProperty()
  key!: string;

  @ApiProperty()
  name!: string;
}

export class AlertDeliveryDto {
  @ApiProperty({ description: 'the alert channel key' })
  channel!: string;

  @ApiProperty({ enum: ['pending', 'sending', 'sent', 'failed'] })
  status!: 'pending' | 'sending' | 'sent' | 'failed';

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ ...INSTANT, nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ ...INSTANT, nullable: true, description: 'when a failed delivery is tried again' })
  nextAttemptAt!: string | null;
}

/** An alert with its status and deliveries. */
export class AlertViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ALERT_KINDS })
  kind!: string;

  @ApiProperty({ type: () => AlertSubjectDto })
  subject!: AlertSubjectDto;

  @ApiProperty({ type: String, nullable: true, description: 'the threshold crossed, e.g. "30d"' })
  threshold!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the day or instant it is about' })
  due!: string | null;

  @ApiProperty({ type: () => LocalizedDto })
  message!: LocalizedDto;

  @ApiProperty({ type: [String], description: 'keys of the treatments concerned' })
  treatments!: string[];

  @ApiProperty(DAY)
  asOf!: string;

  @ApiProperty(INSTANT)
  createdAt!: string;

  @ApiProperty({ enum: ['open', 'acknowledged'] })
  status!: 'open' | 'acknowledged';

  @ApiProperty({ ...INSTANT, nullable: true })
  acknowledgedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  acknowledgedNote!: string | null;

  @ApiProperty({ type: () => [AlertDeliveryDto] })
  deliveries!: AlertDeliveryDto[];
}

export class ScannedOrganisationDto {
  @ApiProperty()
  slug!: string;

  @ApiProperty({ description: 'alerts due on that day' })
  candidates!: number;

  @ApiProperty({ description: 'of them, new (each alert is created once)' })
  created!: number;

  @ApiProperty()
  sent!: number;

  @ApiProperty()
  failed!: number;

  @ApiPropertyOptional({ description: 'present when the scan of this organisation failed (details in the server log)' })
  error?: string;
}

export class ScanResultDto implements ScanResult {
  @ApiProperty(INSTANT)
  at!: string;

  @ApiProperty(DAY)
  asOf!: string;

  @ApiProperty({ type: () => [ScannedOrganisationDto] })
  organisations!: ScannedOrganisationDto[];
}
