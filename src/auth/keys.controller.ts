import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatedKeyDto, CreateKeyDto, KeyViewDto } from './key.dto';
import { ApiErrors, ApiProtected } from '../common/responses.dto';
import { currentActor } from '../common/actor';
import { RequireRole } from './auth.guard';
import { KeysService } from './keys.service';
import { DomainError } from '../common/errors';

/** Keys are managed by admins of every organisation ("*"); a key cannot give more than its maker has. */
@ApiTags('keys')
@ApiProtected()
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
  @ApiOperation({ summary: 'Every API key (never a token)' })
  @ApiOkResponse({ type: [KeyViewDto] })
  list(): Promise<KeyViewDto[]> {
    this.requireGlobal();
    return this.keys.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a key: its token is in this answer only' })
  @ApiCreatedResponse({ type: CreatedKeyDto })
  @ApiErrors(400)
  create(@Body() dto: CreateKeyDto): Promise<CreatedKeyDto> {
    this.requireGlobal();
    return this.keys.create(dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key (it stays listed, with revokedAt)' })
  @ApiOkResponse({ type: KeyViewDto })
  @ApiErrors(404)
  revoke(@Param('id') id: string): Promise<KeyViewDto> {
    this.requireGlobal();
    return this.keys.revoke(id);
  }
}
