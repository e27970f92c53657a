import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { canReach, currentActor, hasRole, requireGlobal } from '../common/actor';
import { RequireRole } from '../auth/auth.guard';
import { DomainError } from '../common/errors';
import { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  async list() {
    const actor = currentActor();
    return (await this.organisations.list()).filter((o) => canReach(actor, o.slug));
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create an organisation (admin key for every organisation); 409 when the slug is taken' })
  create(@Body() dto: CreateOrganisationDto) {
    requireGlobal();
    return this.organisations.create(dto);
  }

  @Get(':slug')
  get(@Param('slug') slug: string) {
    return this.organisations.get(slug);
  }

  @Patch(':slug')
  update(@Param('slug') slug: string, @Body() patch: UpdateOrganisationDto) {
    if (patch.settings !== undefined && !hasRole(currentActor(), 'admin')) {
      throw new DomainError(403, 'forbidden', 'Changing settings needs the admin role');
    }
    return this.organisations.update(slug, patch);
  }

  @Delete(':slug')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an organisation and everything it holds' })
  async remove(@Param('slug') slug: string): Promise<void> {
    await this.organisations.remove(slug);
  }
}
