import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoInstant } from '../common/validators';
import { ROLES, Role } from './auth.entities';
import { currentActor } from './actor';
import { RequireRole } from './auth.guard';
import { KeysService } from './keys.service';
import { DomainError } from '../common/errors';

export class CreateKeyDto {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MaxLength(120)
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

/** Keys are managed by admins of every organisation ("*"); a key cannot give more than its maker has. */
@ApiTags('keys')
@Controller('keys')
@RequireRole('admin')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  private requireGlobal(): void {
    if (!currentActor().organisations.includes('*')) {
      throw new DomainError(403, 'forbidden', 'Managing keys needs an admin key for every organisation (*)');
    }
  }

  @Get()
  list() {
    this.requireGlobal();
    return this.keys.list();
  }

  @Post()
  create(@Body() dto: CreateKeyDto) {
    this.requireGlobal();
    return this.keys.create(dto);
  }

  @Delete(':id')
  revoke(@Param('id') id: string) {
    this.requireGlobal();
    return this.keys.revoke(id);
  }
}
