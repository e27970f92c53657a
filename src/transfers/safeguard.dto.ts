import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SourceDto } from '../common/shared.dto';
import {
  IsIsoDate,
  IsNotBefore,
  LIMITS,
  NestedObject,
  OptionalCountries,
  OptionalText,
  OptionalTextList,
} from '../common/validators';
import {
  SAFEGUARD_KINDS,
  SCC_MODULES,
  SafeguardKind,
  SccModule,
  TIA_CONCLUSIONS,
  TiaConclusion,
} from '../reference/vocabulary';

/**
 * A transfer impact assessment (Schrems II, C-311/18; EDPB Recommendations 01/2020): whether the law of
 * the destination lets the clauses be complied with, and the supplementary measures taken.
 */
export class TransferImpactAssessmentDto {
  @ApiProperty({ example: '2025-03-14', description: 'day the assessment was completed' })
  @IsIsoDate()
  assessedOn!: string;

  @ApiProperty({
    enum: TIA_CONCLUSIONS,
    description:
      'essentially-equivalent = the destination law allows the safeguard to be complied with; supplementary-measures = only with the measures listed; not-essentially-equivalent = the transfer must not take place',
  })
  @IsIn(TIA_CONCLUSIONS)
  conclusion!: TiaConclusion;

  @OptionalTextList(
    LIMITS.shortText,
    'supplementary measures taken (encryption with keys in the EEA, pseudonymisation, …)',
  )
  supplementaryMeasures?: string[];

  @ApiPropertyOptional({ example: '2027-03-14', description: 'day the assessment is to be reviewed' })
  @IsOptional()
  @IsIsoDate()
  @IsNotBefore('assessedOn')
  reviewOn?: string;

  @OptionalText(LIMITS.name, 'the assessment document')
  reference?: string;
}

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

  @OptionalCountries(
    'countries of the transfers this safeguard covers (ISO alpha-2); absent when it covers every transfer of the engagement',
  )
  countries?: string[];

  @NestedObject(
    () => TransferImpactAssessmentDto,
    'transfer impact assessment supporting this safeguard (SCC, BCR) for a country without adequacy',
  )
  tia?: TransferImpactAssessmentDto;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}
