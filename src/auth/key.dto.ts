import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { HasVisibleText, IsIsoInstant } from '../common/validators';
import { ROLES, Role } from '../common/actor';
import { INSTANT } from '../common/responses.dto';
import type { KeyView } from './keys.service';

export class CreateKeyDto {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MaxLength(120)
  @HasVisibleText()
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ type: [String], description: 'organisation slugs, or ["*"]' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @Matches(/^(\*|[a-z0-9]+(-[a-z0-9]+)*)$/, { each: true, message: 'each value in $property must be a slug or *' })
  organisations!: string[];

  @ApiPropertyOptional({ description: 'expiry instant, ISO 8601 with offset' })
  @IsOptional()
  @IsIsoInstant()
  expiresAt?: string;
}

/** An API key as listed: never its token (only its hash is stored). */
export class KeyViewDto implements KeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: [String], description: 'organisation slugs, or ["*"]' })
  organisations!: string[];

  @ApiProperty({ ...INSTANT, nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ ...INSTANT, nullable: true })
  revokedAt!: string | null;

  @ApiProperty(INSTANT)
  createdAt!: string;
}

/** A key just created: the only answer that carries its token. */
export class CreatedKeyDto extends KeyViewDto {
  @ApiProperty({ description: 'the bearer token: shown once, keep it', example: 'rk_…' })
  token!: string;
}
