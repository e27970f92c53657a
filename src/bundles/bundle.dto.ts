import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsObject, ValidateNested } from 'class-validator';
import { NestedList } from '../common/validators';
import { CreateOrganisationDto } from '../organisations/organisation.dto';
import { BUNDLED_KINDS, BundleCollections, CollectionName } from '../records/record-kinds';
import type { ImportResult } from './bundles.service';
import type { PlanAction, PlannedRecord } from './import-plan';

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

/** How many records of each bundled kind. */
const COUNTS = {
  type: 'object' as const,
  properties: Object.fromEntries(BUNDLED_KINDS.map((k) => [k.collection, { type: 'integer' as const }])),
  required: BUNDLED_KINDS.map((k): string => k.collection),
};

/** A bundle written (POST /import with a bundle as JSON). */
export class ImportResultDto implements ImportResult {
  @ApiProperty({ description: 'the organisation slug' })
  organisation!: string;

  @ApiProperty({ description: 'true when an organisation of that slug was replaced' })
  replaced!: boolean;

  @ApiProperty({ ...COUNTS, description: 'records written, per list' })
  counts!: Record<CollectionName, number>;
}

export const PLAN_ACTIONS: readonly PlanAction[] = ['create', 'change', 'unchanged', 'delete'];

/** One record of an import plan: what the import does to it. */
export class PlannedRecordDto implements PlannedRecord {
  @ApiProperty({ enum: BUNDLED_KINDS.map((k) => k.collection) })
  collection!: string;

  @ApiProperty()
  key!: string;

  @ApiProperty({ enum: PLAN_ACTIONS })
  action!: PlanAction;

  @ApiPropertyOptional({ type: [String], description: 'top-level fields that change (for change)' })
  fields?: string[];

  @ApiPropertyOptional({ description: 'position in the incoming list (absent for a deletion)' })
  index?: number;
}
