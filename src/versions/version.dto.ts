import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { Lang, LANGS } from '../common/i18n';
import { BundleDto } from '../bundles/bundle.dto';
import { INSTANT } from '../common/responses.dto';
import { LIMITS, OptionalText } from '../common/validators';
import type { VersionView } from './versions.service';

export class PublishDto {
  @OptionalText(LIMITS.shortText, 'why this version, e.g. "transmis à la CNIL le …"')
  note?: string;
}

export class DiffQueryDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the earlier version number' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'the later version number' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to!: number;
}

export class VersionDocumentQueryDto {
  @ApiPropertyOptional({ enum: LANGS })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}

/** A published version of the register: immutable, fingerprinted. */
export class VersionViewDto implements VersionView {
  @ApiProperty({ minimum: 1 })
  number!: number;

  @ApiProperty({ description: 'SHA-256 of the canonical bundle' })
  fingerprint!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'the reference data versions it was published with',
  })
  referenceVersions!: Record<string, string>;

  @ApiProperty({ type: [String], description: 'reference data that has changed since (docs/documents.md)' })
  referenceChangedSince!: string[];

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty(INSTANT)
  publishedAt!: string;

  @ApiProperty({ description: 'the key or person that published it' })
  publishedBy!: string;
}

/** One version with the organisation as it was published. */
export class VersionDto extends VersionViewDto {
  @ApiProperty({ type: () => BundleDto })
  bundle!: BundleDto;
}

export class VersionRefDto {
  @ApiProperty()
  number!: number;

  @ApiProperty()
  fingerprint!: string;
}

export class KeyedChangeDto {
  @ApiProperty()
  key!: string;

  @ApiProperty({ type: [String], description: 'top-level fields that differ' })
  fields!: string[];
}

export class CollectionDiffDto {
  @ApiProperty({ type: [String] })
  added!: string[];

  @ApiProperty({ type: [String] })
  removed!: string[];

  @ApiProperty({ type: () => [KeyedChangeDto] })
  changed!: KeyedChangeDto[];
}

export class VersionDiffDto {
  @ApiProperty({ type: () => VersionRefDto })
  from!: VersionRefDto;

  @ApiProperty({ type: () => VersionRefDto })
  to!: VersionRefDto;

  @ApiProperty({ type: () => CollectionDiffDto })
  treatments!: CollectionDiffDto;

  @ApiProperty({ type: () => CollectionDiffDto })
  subcontractors!: CollectionDiffDto;
}
