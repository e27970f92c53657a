import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canReach, currentActor } from '../common/actor';
import { RequireRole } from '../auth/auth.guard';
import { DomainError } from '../common/errors';
import { BundleDto, ImportQueryDto } from './bundle.dto';
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

  @Post('import')
  @RequireRole('admin')
  @ApiBody({ type: BundleDto })
  @ApiOperation({ summary: 'Import a bundle, all or nothing; 409 when the organisation exists unless replace=true' })
  import(
    // The bundle is validated as a whole by the service (paths name each bad record), not by the pipe.
    @Body() raw: Record<string, unknown>,
    @Query() query: ImportQueryDto,
  ) {
    const slug = (raw.organisation as { slug?: unknown } | undefined)?.slug;
    if (typeof slug === 'string' && !canReach(currentActor(), slug)) {
      throw new DomainError(403, 'forbidden', `The key does not cover organisation "${slug}"`);
    }
    return this.bundles.import(raw, { replace: query.replace === 'true' });
  }
}
