import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiProtected } from '../common/responses.dto';
import { AuditQueryDto, AuditViewDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiProtected()
@Controller('organisations/:slug/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who changed what and when (append-only), newest first, with filters' })
  @ApiOkResponse({ type: [AuditViewDto] })
  @ApiErrors(400, 404)
  list(@Param('slug') slug: string, @Query() q: AuditQueryDto): Promise<AuditViewDto[]> {
    return this.audit.list(slug, q);
  }
}
