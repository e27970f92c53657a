import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '../common/errors';
import { PositiveIntParam } from '../common/int-param.pipe';
import { parisDate } from '../common/calendar-date';
import { DOCUMENT_FILES } from '../documents/templates';
import { DiffQueryDto, PublishDto, VersionDocumentQueryDto } from './version.dto';
import { DocumentsService } from '../documents/documents.service';
import { VersionsService } from './versions.service';

@ApiTags('versions')
@Controller('organisations/:slug/versions')
export class VersionsController {
  constructor(
    private readonly versions: VersionsService,
    private readonly documents: DocumentsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Publish the register as it is now: an immutable, fingerprinted version' })
  publish(@Param('slug') slug: string, @Body() dto: PublishDto) {
    return this.versions.publish(slug, dto.note);
  }

  @Get()
  list(@Param('slug') slug: string) {
    return this.versions.list(slug);
  }

  @Get('diff')
  @ApiOperation({ summary: 'Treatments and subcontractors added, removed and changed between two versions' })
  diff(@Param('slug') slug: string, @Query() q: DiffQueryDto) {
    return this.versions.diff(slug, q.from, q.to);
  }

  @Get(':number')
  get(@Param('slug') slug: string, @Param('number', new PositiveIntParam('number')) number: number) {
    return this.versions.get(slug, number);
  }

  @Get(':number/:name.:format')
  @ApiOperation({ summary: "A version's document, as on the day it was published" })
  async document(
    @Param('slug') slug: string,
    @Param('number', new PositiveIntParam('number')) number: number,
    @Param('name') name: string,
    @Param('format') format: string,
    @Query() q: VersionDocumentQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const kind = DOCUMENT_FILES[name];
    if (!kind || kind === 'compliance-report' || (format !== 'pdf' && format !== 'html')) {
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
