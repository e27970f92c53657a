import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateKeyDto } from './key.dto';
import { currentActor } from '../common/actor';
import { RequireRole } from './auth.guard';
import { KeysService } from './keys.service';
import { DomainError } from '../common/errors';

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
