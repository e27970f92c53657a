import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  list() {
    return this.organisations.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an organisation; 409 when the slug is taken' })
  create(@Body() dto: CreateOrganisationDto) {
    return this.organisations.create(dto);
  }

  @Get(':slug')
  get(@Param('slug') slug: string) {
    return this.organisations.get(slug);
  }

  @Patch(':slug')
  update(@Param('slug') slug: string, @Body() patch: UpdateOrganisationDto) {
    return this.organisations.update(slug, patch);
  }

  @Delete(':slug')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an organisation and everything it holds' })
  async remove(@Param('slug') slug: string): Promise<void> {
    await this.organisations.remove(slug);
  }
}
