import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiProtected } from '../common/responses.dto';
import { BundleDto } from './bundle.dto';
import { BundlesService } from './bundles.service';

@ApiTags('bundles')
@ApiProtected()
@Controller()
export class BundlesController {
  constructor(private readonly bundles: BundlesService) {}

  @Get('organisations/:slug/export')
  @ApiOperation({
    summary: 'The whole organisation as one bundle (stable order: export → import → export is identical)',
  })
  @ApiOkResponse({ type: BundleDto })
  @ApiErrors(404)
  export(@Param('slug') slug: string): Promise<BundleDto> {
    return this.bundles.export(slug);
  }
}
