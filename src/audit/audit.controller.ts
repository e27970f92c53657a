import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('organisations/:slug/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who changed what and when (append-only), newest first, with filters' })
  list(@Param('slug') slug: string, @Query() q: AuditQueryDto) {
    return this.audit.list(slug, q);
  }
}
