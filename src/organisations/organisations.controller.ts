import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiProtected } from '../common/responses.dto';
import { canReach, currentActor, hasRole, requireGlobal } from '../common/actor';
import { RequireRole } from '../auth/auth.guard';
import { DomainError } from '../common/errors';
import { CreateOrganisationDto, OrganisationViewDto, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiProtected()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'The organisations the key reaches, by slug' })
  @ApiOkResponse({ type: [OrganisationViewDto] })
  async list(): Promise<OrganisationViewDto[]> {
    const actor = currentActor();
    return (await this.organisations.list()).filter((o) => canReach(actor, o.slug));
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create an organisation (admin key for every organisation); 409 when the slug is taken' })
  @ApiCreatedResponse({ type: OrganisationViewDto })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateOrganisationDto): Promise<OrganisationViewDto> {
    requireGlobal();
    return this.organisations.create(dto);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiErrors(404)
  get(@Param('slug') slug: string): Promise<OrganisationViewDto> {
    return this.organisations.get(slug);
  }

  @Patch(':slug')
  @ApiOperation({ summary: 'Change an organisation; null clears a field; settings need the admin role' })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiErrors(400, 404)
  update(@Param('slug') slug: string, @Body() patch: UpdateOrganisationDto): Promise<OrganisationViewDto> {
    if (patch.settings !== undefined && !hasRole(currentActor(), 'admin')) {
      throw new DomainError(403, 'forbidden', 'Changing settings needs the admin role');
    }
    return this.organisations.update(slug, patch);
  }

  @Delete(':slug')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an organisation and everything it holds' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(404)
  async remove(@Param('slug') slug: string): Promise<void> {
    await this.organisations.remove(slug);
  }
}
