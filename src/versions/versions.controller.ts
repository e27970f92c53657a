import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFileResponse, ApiProtected } from '../common/responses.dto';
import type { Response } from 'express';
import { NotFoundError } from '../common/errors';
import { PositiveIntParam } from '../common/int-param.pipe';
import { parisDate } from '../common/calendar-date';
import { DOCUMENT_FILES } from '../documents/templates';
import {
  DiffQueryDto,
  PublishDto,
  VersionDiffDto,
  VersionDocumentQueryDto,
  VersionDto,
  VersionViewDto,
} from './version.dto';
import { DocumentsService } from '../documents/documents.service';
import { VersionsService } from './versions.service';

/** The documents a version renders: all but the compliance report, which is judged on a date. */
const VERSION_DOCUMENTS = Object.keys(DOCUMENT_FILES).filter((name) => DOCUMENT_FILES[name] !== 'compliance-report');

@ApiTags('versions')
@ApiProtected()
@ApiErrors(404)
@Controller('organisations/:slug/versions')
export class VersionsController {
  constructor(
    private readonly versions: VersionsService,
    private readonly documents: DocumentsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Publish the register as it is now: an immutable, fingerprinted version' })
  @ApiCreatedResponse({ type: VersionViewDto })
  @ApiErrors(400)
  publish(@Param('slug') slug: string, @Body() dto: PublishDto): Promise<VersionViewDto> {
    return this.versions.publish(slug, dto.note);
  }

  @Get()
  @ApiOperation({ summary: 'The published versions, oldest first' })
  @ApiOkResponse({ type: [VersionViewDto] })
  list(@Param('slug') slug: string): Promise<VersionViewDto[]> {
    return this.versions.list(slug);
  }

  @Get('diff')
  @ApiOperation({ summary: 'Treatments and subcontractors added, removed and changed between two versions' })
  @ApiOkResponse({ type: VersionDiffDto })
  @ApiErrors(400)
  diff(@Param('slug') slug: string, @Query() q: DiffQueryDto): Promise<VersionDiffDto> {
    return this.versions.diff(slug, q.from, q.to);
  }

  @Get(':number')
  @ApiOperation({ summary: 'One version, with the organisation as it was published' })
  @ApiOkResponse({ type: VersionDto })
  @ApiErrors(400)
  get(
    @Param('slug') slug: string,
    @Param('number', new PositiveIntParam('number')) number: number,
  ): Promise<VersionDto> {
    return this.versions.get(slug, number);
  }

  @Get(':number/:name.:format')
  @ApiOperation({ summary: "A version's document, as on the day it was published" })
  @ApiParam({ name: 'name', enum: VERSION_DOCUMENTS })
  @ApiParam({ name: 'format', enum: ['pdf', 'html'] })
  @ApiFileResponse('the document (X-Registre-Fingerprint: its fingerprint)', ['application/pdf', 'text/html'])
  @ApiErrors(400)
  async document(
    @Param('slug') slug: string,
    @Param('number', new PositiveIntParam('number')) number: number,
    @Param('name') name: string,
    @Param('format') format: string,
    @Query() q: VersionDocumentQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const kind = DOCUMENT_FILES[name];
    if (!kind || !VERSION_DOCUMENTS.includes(name) || (format !== 'pdf' && format !== 'html')) {
      throw new NotFoundError('Document', `${name}.${format}`);
    }
    const version = await this.versions.get(slug, number);
    const on = parisDate(version.publishedAt);
    const request = { kind, slug, lang: q.lang, asOf: on, published: { bundle: version.bundle, on } };
    if (format === 'html') {
      const doc = await this.documents.html(request);
      res.set({ 'Content-Type': 'text/html; charset=utf-8', 'X-Registre-Fingerprint': doc.fingerprint }).send(doc.html);
      return;
    }
    const doc = await this.documents.pdf(request);
    res.set({ 'Content-Type': 'application/pdf', 'X-Registre-Fingerprint': doc.fingerprint }).send(doc.pdf);
  }
}
