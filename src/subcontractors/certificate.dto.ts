import { RecordViewOf } from '../common/responses.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUrl, MaxLength } from 'class-validator';
import { SourceDto } from '../common/shared.dto';
import {
  IsCountry,
  IsIsoDate,
  IsKey,
  IsKeyRef,
  IsNotBefore,
  LIMITS,
  NestedObject,
  OptionalHdsActivities,
  OptionalText,
  OptionalTextList,
} from '../common/validators';
import { HdsActivityCode } from '../reference/hds-activities';
import { CERTIFICATE_KINDS, CertificateKind, HDS_REFERENTIALS, HdsReferential } from '../reference/vocabulary';

export class CreateCertificateDto {
  @IsKey()
  key!: string;

  @IsKeyRef(
    'key of the subcontractor holding the certificate; absent when the organisation itself holds it (an editor certified HDS or ISO 27001)',
    true,
  )
  subcontractor?: string;

  @OptionalText(
    LIMITS.name,
    'legal entity the certificate names when it is not the contracting entity, e.g. "Amazon Web Services, Inc. and its affiliates"',
  )
  certifiedEntity?: string;

  @ApiPropertyOptional({ description: 'country of the entity the certificate names, ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsCountry()
  certifiedEntityCountry?: string;

  @ApiProperty({ enum: CERTIFICATE_KINDS, description: 'hds-agrement = pre-2018 ministerial approval' })
  @IsIn(CERTIFICATE_KINDS)
  kind!: CertificateKind;

  @OptionalText(LIMITS.name, 'standard edition, e.g. "ISO/IEC 27001:2022"')
  edition?: string;

  @ApiPropertyOptional({ enum: HDS_REFERENTIALS, description: 'HDS référentiel: 2018 or v2 (arrêté du 26 avril 2024)' })
  @IsOptional()
  @IsIn(HDS_REFERENTIALS)
  hdsReferential?: HdsReferential;

  @OptionalText(LIMITS.name)
  number?: string;

  @OptionalText(LIMITS.name, 'certification body or authority')
  issuer?: string;

  @OptionalHdsActivities('HDS activities covered (R.1111-9); absent when the scope is unknown')
  hdsActivities?: HdsActivityCode[];

  @OptionalText(LIMITS.longText, 'scope as printed on the certificate')
  scope?: string;

  @OptionalTextList(
    LIMITS.name,
    'services or products the scope covers, as the engagements name them; absent when it covers the whole offer',
  )
  services?: string[];

  @ApiPropertyOptional({ example: '2024-12-10' })
  @IsOptional()
  @IsIsoDate()
  validFrom?: string;

  @ApiPropertyOptional({ example: '2027-01-11', description: 'last day of validity (inclusive)' })
  @IsOptional()
  @IsIsoDate()
  @IsNotBefore('validFrom')
  validTo?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.shortText })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: '$property must be an http(s) URL' })
  @MaxLength(LIMITS.shortText)
  evidenceUrl?: string;

  @OptionalText(LIMITS.longText, 're-issue dates, conditions on the scope, anything the fields cannot hold')
  notes?: string;

  @NestedObject(() => SourceDto)
  source?: SourceDto;
}

export class UpdateCertificateDto extends PartialType(OmitType(CreateCertificateDto, ['key'] as const)) {}

/** A certificate as the API answers it: what was written, with its timestamps. */
export class CertificateViewDto extends RecordViewOf(CreateCertificateDto) {}
