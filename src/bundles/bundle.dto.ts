import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsObject, ValidateNested } from 'class-validator';
import { CreateBreachDto } from '../breaches/breach.dto';
import { NestedList } from '../common/validators';
import { CreateWaiverDto } from '../compliance/waiver.dto';

/** A bundle may hold a large register; each list is still bounded. */
const MAX_RECORDS = 100_000;
import { CreateOrganisationDto } from '../organisations/organisation.dto';
import { CreateTreatmentDto } from '../register/treatment.dto';
import { CreateCertificateDto } from '../subcontractors/certificate.dto';
import { CreateEngagementDto } from '../subcontractors/engagement.dto';
import { CreateSubcontractorDto } from '../subcontractors/subcontractor.dto';
import { CreateSubprocessorChangeDto } from '../subcontractors/subprocessor-change.dto';

export const BUNDLE_FORMAT = 'registre-bundle';
export const BUNDLE_VERSION = 1;

/**
 * One organisation with everything it holds. Records refer to each other by key, never by database
 * id, so a bundle moves between databases and export → import → export gives the same JSON.
 */
export class BundleDto {
  @ApiProperty({ example: BUNDLE_FORMAT })
  @Equals(BUNDLE_FORMAT)
  format!: string;

  @ApiProperty({ example: BUNDLE_VERSION })
  @Equals(BUNDLE_VERSION)
  version!: number;

  @ApiProperty({ type: () => CreateOrganisationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CreateOrganisationDto)
  organisation!: CreateOrganisationDto;

  @NestedList(() => CreateSubcontractorDto, undefined, MAX_RECORDS)
  subcontractors?: CreateSubcontractorDto[];

  @NestedList(() => CreateCertificateDto, undefined, MAX_RECORDS)
  certificates?: CreateCertificateDto[];

  @NestedList(() => CreateEngagementDto, undefined, MAX_RECORDS)
  engagements?: CreateEngagementDto[];

  @NestedList(() => CreateTreatmentDto, undefined, MAX_RECORDS)
  treatments?: CreateTreatmentDto[];

  @NestedList(() => CreateSubprocessorChangeDto, undefined, MAX_RECORDS)
  subprocessorChanges?: CreateSubprocessorChangeDto[];

  @NestedList(() => CreateBreachDto, 'personal-data breaches and their notifications', MAX_RECORDS)
  breaches?: CreateBreachDto[];

  @NestedList(() => CreateWaiverDto, 'accepted findings, with reason and end date', MAX_RECORDS)
  waivers?: CreateWaiverDto[];
}

export type Bundle = Required<BundleDto>;
