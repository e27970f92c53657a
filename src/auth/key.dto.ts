import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { HasVisibleText, IsIsoInstant } from '../common/validators';
import { ROLES, Role } from '../common/actor';

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
