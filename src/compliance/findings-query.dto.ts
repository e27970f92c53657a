import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AsOfQueryDto } from '../common/query.dto';

export const FINDINGS_VIEWS = ['findings', 'groups', 'subjects'] as const;
export type FindingsView = (typeof FINDINGS_VIEWS)[number];

export class FindingsQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({
    enum: FINDINGS_VIEWS,
    default: 'findings',
    description:
      'findings = the flat list; groups = one group per rule and severity with the subjects it applies to; subjects = one group per record with its findings. Every finding keeps its id in every view.',
  })
  @IsOptional()
  @IsIn(FINDINGS_VIEWS)
  view?: FindingsView;
}
