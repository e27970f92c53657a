import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiProtected } from '../common/responses.dto';
import { AcknowledgeDto, AlertsQueryDto, AlertViewDto, ScanQueryDto, ScanResultDto } from './alert.dto';
import { AlertsService } from './alerts.service';

@ApiTags('alerts')
@ApiProtected()
@ApiErrors(404)
@Controller('organisations/:slug/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'Alerts with their status and deliveries (newest first)' })
  @ApiOkResponse({ type: [AlertViewDto] })
  @ApiErrors(400)
  list(@Param('slug') slug: string, @Query() query: AlertsQueryDto): Promise<AlertViewDto[]> {
    return this.alerts.list(slug, query.status);
  }

  @Post('scan')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the alert scan for this organisation now (the daily job does it for all)' })
  @ApiOkResponse({ type: ScanResultDto })
  @ApiErrors(400)
  scan(@Param('slug') slug: string, @Query() query: ScanQueryDto): Promise<ScanResultDto> {
    return this.alerts.scan({ slug, asOf: query.asOf });
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an alert (it stays listed, with who and why)' })
  @ApiOkResponse({ type: AlertViewDto })
  @ApiErrors(400)
  acknowledge(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Body() body: AcknowledgeDto,
  ): Promise<AlertViewDto> {
    return this.alerts.acknowledge(slug, id, body.note);
  }
}
