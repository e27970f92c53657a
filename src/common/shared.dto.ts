import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PERIOD_UNITS, PeriodUnit } from '../reference/vocabulary';
import { IsCountry, IsIsoMonthOrDate, IsPlainObject, LIMITS, OptionalText, Text } from './validators';

/** Where a record's facts come from: a document and the section that says it. */
export class SourceDto {
  @Text(LIMITS.name, 'document name or file, e.g. "000_5844b4dfcd49d4cc.txt — Annexe Desmos Médecins v1.2"')
  document!: string;

  @OptionalText(LIMITS.name, 'section, article or annex, e.g. "§7.4"')
  section?: string;

  @OptionalText(LIMITS.shortText, 'verbatim quote or transcription note')
  quote?: string;

  @OptionalText(64, 'version of the document as it prints it, e.g. "v1.2"')
  version?: string;

  @ApiPropertyOptional({
    example: '2025-01',
    description:
      'date of that version of the document: YYYY-MM when it prints only a month ("Janvier 2025"), else YYYY-MM-DD',
  })
  @IsOptional()
  @IsIsoMonthOrDate()
  versionDate?: string;
}

export class ContactDto {
  @OptionalText(LIMITS.name)
  name?: string;

  @OptionalText(LIMITS.name, 'function, e.g. "Délégué à la protection des données"')
  role?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.name })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @MaxLength(LIMITS.name)
  email?: string;

  @OptionalText(64)
  phone?: string;

  @OptionalText(LIMITS.shortText)
  address?: string;
}

/** A party named in the register (controller served, joint controller, representative). */
export class PartyDto {
  @Text(LIMITS.name)
  name!: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsCountry()
  country?: string;

  @OptionalText(LIMITS.shortText)
  description?: string;

  @ApiPropertyOptional({ type: () => ContactDto })
  @IsOptional()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

/** A period as a contract states it: 48 hours, 30 calendar days, 8 jours ouvrés, 3 months. */
export class PeriodDto {
  @ApiProperty({ minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100000)
  value!: number;

  @ApiProperty({ enum: PERIOD_UNITS })
  @IsIn(PERIOD_UNITS)
  unit!: PeriodUnit;
}
