import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcknowledgeDto, AlertsQueryDto, ScanQueryDto } from './alert.dto';
import { AlertsService } from './alerts.service';

@ApiTags('alerts')
@Controller('organisations/:slug/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'Alerts with their status and deliveries (newest first)' })
  list(@Param('slug') slug: string, @Query() query: AlertsQueryDto) {
    return this.alerts.list(slug, query.status);
  }

  @Post('scan')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the alert scan for this organisation now (the daily job does it for all)' })
  scan(@Param('slug') slug: string, @Query() query: ScanQueryDto) {
    return this.alerts.scan({ slug, asOf: query.asOf });
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('slug') slug: string, @Param('id') id: string, @Body() body: AcknowledgeDto) {
    return this.alerts.acknowledge(slug, id, body.note);
  }
}
