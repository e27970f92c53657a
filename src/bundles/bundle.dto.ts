import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsObject, ValidateNested } from 'class-validator';
import { NestedList } from '../common/validators';
import { CreateOrganisationDto } from '../organisations/organisation.dto';
import { BUNDLED_KINDS, BundleCollections } from '../records/record-kinds';

/** A bundle may hold a large register; each list is still bounded. */
const MAX_RECORDS = 100_000;

export const BUNDLE_FORMAT = 'registre-bundle';
/** 2: engagements hold a list of transfer safeguards (version 1 bundles are upgraded on import). */
export const BUNDLE_VERSION = 2;

/**
 * One organisation with everything it holds. Records refer to each other by key, never by database
 * id, so a bundle moves between databases and export → import → export gives the same JSON. Its lists
 * are the bundled kinds of the registry (records/record-kinds.ts), each validated with its kind's DTO.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
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
}

// The lists are declared from the registry, so a new kind needs no edit here: their types merge into
// the class (the decorators below make them real, validated properties).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface BundleDto extends Partial<BundleCollections> {}
for (const k of BUNDLED_KINDS) {
  NestedList(() => k.store.createDto, undefined, MAX_RECORDS)(BundleDto.prototype, k.collection);
}

export type Bundle = Required<BundleDto>;
