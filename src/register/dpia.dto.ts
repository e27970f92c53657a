import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { IsIsoDate, IsNotBefore, LIMITS, OptionalText, Text } from '../common/validators';
import {
  CNIL_DPIA_ITEMS,
  CnilDpiaItem,
  DPIA_CRITERIA,
  DPIA_STATUSES,
  DpiaCriterion,
  DpiaStatus,
} from '../reference/vocabulary';

/**
 * The data protection impact assessment of one treatment (GDPR art. 35; LEGAL.md §7b): the WP248
 * criteria the treatment meets, the CNIL list types it falls under, and where the DPIA stands.
 */
export class DpiaDto {
  @ApiPropertyOptional({
    enum: DPIA_CRITERIA,
    isArray: true,
    description: 'WP248 rev.01 criteria met (two or more usually mean a DPIA is required)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPIA_CRITERIA.length)
  @IsIn(DPIA_CRITERIA, { each: true })
  criteria?: DpiaCriterion[];

  @ApiPropertyOptional({
    enum: CNIL_DPIA_ITEMS,
    isArray: true,
    description: 'types of the CNIL list (délibération 2018-327) the treatment falls under: a DPIA is then required',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CNIL_DPIA_ITEMS.length)
  @IsIn(CNIL_DPIA_ITEMS, { each: true })
  cnilList?: CnilDpiaItem[];

  @OptionalText(LIMITS.shortText, 'with cnilList "other": the type of the CNIL list, as the list words it')
  cnilListDetails?: string;

  @ApiPropertyOptional({
    enum: DPIA_STATUSES,
    description: 'not-needed (with the reason), to-do, done (with doneOn), to-review',
  })
  @IsOptional()
  @IsIn(DPIA_STATUSES)
  status?: DpiaStatus;

  @ValidateIf((o: DpiaDto) => o.status === 'not-needed' || o.reason !== undefined)
  @Text(LIMITS.shortText, 'why no DPIA is needed (required when status is not-needed)')
  reason?: string;

  @ApiPropertyOptional({
    example: '2025-06-30',
    description: 'day the DPIA was completed (required when status is done)',
  })
  @ValidateIf((o: DpiaDto) => o.status === 'done' || o.doneOn !== undefined)
  @IsIsoDate()
  doneOn?: string;

  @ApiPropertyOptional({ example: '2028-06-30', description: 'day the DPIA is to be reviewed' })
  @IsOptional()
  @IsIsoDate()
  @IsNotBefore('doneOn')
  reviewOn?: string;

  @OptionalText(LIMITS.name, 'the DPIA document')
  reference?: string;
}

// Text() declares the field required for the OpenAPI document; it is required only with not-needed.
ApiProperty({ required: false, maxLength: LIMITS.shortText })(DpiaDto.prototype, 'reason');
