import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SourceDto } from '../common/shared.dto';
import { IsIsoDate, LIMITS, NestedObject, OptionalText } from '../common/validators';
import { SAFEGUARD_KINDS, SCC_MODULES, SafeguardKind, SccModule } from '../reference/vocabulary';

/** The ground a transfer outside the EEA stands on (GDPR art. 45, 46, 49). */
export class SafeguardDto {
  @ApiProperty({
    enum: SAFEGUARD_KINDS,
    description:
      'scc-2021 = Decision (EU) 2021/914; scc-2010/2004/2001 = repealed decisions; scc-unspecified = "clauses contractuelles types" with no version stated',
  })
  @IsIn(SAFEGUARD_KINDS)
  kind!: SafeguardKind;

  @ApiPropertyOptional({ enum: SCC_MODULES, description: 'SCC 2021/914 module' })
  @IsOptional()
  @IsIn(SCC_MODULES)
  sccModule?: SccModule;

  @ApiPropertyOptional({ description: 'date the safeguard was signed or adopted, YYYY-MM-DD' })
  @IsOptional()
  @IsIsoDate()
  signedOn?: string;

  @OptionalText(LIMITS.shortText, 'as the document words it, or the Art. 49 derogation relied on')
  details?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}
