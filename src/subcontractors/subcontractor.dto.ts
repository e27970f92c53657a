import { RecordViewOf } from '../common/responses.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUrl, MaxLength } from 'class-validator';
import { ContactDto, SourceDto } from '../common/shared.dto';
import { IsCountry, IsKey, LIMITS, NestedList, NestedObject, OptionalText, Text } from '../common/validators';
import { GUARANTEE_KINDS, GuaranteeKind, HDS_REFERENTIALS, HdsReferential } from '../reference/vocabulary';

/** A guarantee a document claims ("Certifié HADS", "Clauses contractuelles type 2021"), kept as written. */
export class GuaranteeDto {
  @ApiProperty({ enum: GUARANTEE_KINDS })
  @IsIn(GUARANTEE_KINDS)
  kind!: GuaranteeKind;

  @Text(LIMITS.shortText, 'the claim as the document words it')
  text!: string;

  @ApiPropertyOptional({
    enum: HDS_REFERENTIALS,
    description: 'for an HDS claim: the référentiel it names ("certifié HDS v2"), when it names one',
  })
  @IsOptional()
  @IsIn(HDS_REFERENTIALS)
  hdsReferential?: HdsReferential;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class CreateSubcontractorDto {
  @IsKey()
  key!: string;

  @Text(LIMITS.name, 'name as used in the documents')
  name!: string;

  @OptionalText(LIMITS.name)
  legalName?: string;

  @OptionalText(64)
  registrationId?: string;

  @ApiPropertyOptional({
    description:
      'country of establishment of the contracting entity, ISO 3166-1 alpha-2; absent when no document says it',
  })
  @IsOptional()
  @IsCountry()
  country?: string;

  @OptionalText(LIMITS.name, 'parent group, when the entity belongs to one')
  parentGroup?: string;

  @ApiPropertyOptional({ description: 'country of the parent group, ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsCountry()
  parentCountry?: string;

  @OptionalText(LIMITS.shortText)
  address?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.shortText })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: '$property must be an http(s) URL' })
  @MaxLength(LIMITS.shortText)
  website?: string;

  @NestedObject(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({ description: 'certified under the EU–US Data Privacy Framework (US organisations)' })
  @IsOptional()
  @IsBoolean()
  dpfCertified?: boolean;

  @NestedList(() => GuaranteeDto, 'guarantees claimed by the documents, before any certificate is recorded')
  guarantees?: GuaranteeDto[];

  @OptionalText(LIMITS.longText)
  description?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class UpdateSubcontractorDto extends PartialType(OmitType(CreateSubcontractorDto, ['key'] as const)) {}

/** A subcontractor as the API answers it: what was written, with its timestamps. */
export class SubcontractorViewDto extends RecordViewOf(CreateSubcontractorDto) {}
