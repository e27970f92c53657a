import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BundlesService } from './bundles.service';

@ApiTags('bundles')
@Controller()
export class BundlesController {
  constructor(private readonly bundles: BundlesService) {}

  @Get('organisations/:slug/export')
  @ApiOperation({
    summary: 'The whole organisation as one bundle (stable order: export → import → export is identical)',
  })
  export(@Param('slug') slug: string) {
    return this.bundles.export(slug);
  }
}
