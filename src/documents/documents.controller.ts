import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFileResponse, ApiProtected } from '../common/responses.dto';
import type { Response } from 'express';
import { NotFoundError } from '../common/errors';
import { AsOfQueryDto } from '../common/query.dto';
import { DocumentQueryDto } from './document.dto';
import { DocumentRequest, DocumentsService } from './documents.service';
import { DOCUMENT_FILES } from './templates';
import { DOCX_MEDIA_TYPE } from './docx';

/** Headers that keep an HTML preview as inert in a browser as it is in the renderer. */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

@ApiTags('documents')
@ApiProtected()
@ApiErrors(400, 404, 503)
@Controller('organisations/:slug')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('documents/:name.:format')
  @ApiParam({ name: 'name', enum: Object.keys(DOCUMENT_FILES) })
  @ApiParam({ name: 'format', enum: ['pdf', 'html', 'docx'] })
  @ApiOperation({
    summary:
      'The register (Art. 30(1)), processor register (30(2)), DPA annex or compliance report; the first three also as Word (docx)',
  })
  @ApiFileResponse('the document (X-Registre-Fingerprint: its fingerprint)', [
    'application/pdf',
    'text/html',
    DOCX_MEDIA_TYPE,
  ])
  async document(
    @Param('slug') slug: string,
    @Param('name') name: string,
    @Param('format') format: string,
    @Query() query: DocumentQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const kind = DOCUMENT_FILES[name];
    if (!kind || (format !== 'pdf' && format !== 'html' && format !== 'docx')) {
      throw new NotFoundError('Document', `${name}.${format}`);
    }
    await this.send(res, format, { kind, slug, lang: query.lang, asOf: query.asOf, client: query.client });
  }

  @Get('breaches/:key/report.:format')
  @ApiParam({ name: 'format', enum: ['pdf', 'html'] })
  @ApiOperation({ summary: 'The notification timeline of one breach, as PDF or HTML' })
  @ApiFileResponse('the report', ['application/pdf', 'text/html'])
  async breachReport(
    @Param('slug') slug: string,
    @Param('key') key: string,
    @Param('format') format: string,
    @Query() query: AsOfQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    if (format !== 'pdf' && format !== 'html') throw new NotFoundError('Document', `report.${format}`);
    await this.send(res, format, { kind: 'breach-report', slug, breach: key, lang: query.lang, asOf: query.asOf });
  }

  private async send(res: Response, format: 'pdf' | 'html' | 'docx', request: DocumentRequest): Promise<void> {
    if (format === 'docx') {
      const doc = await this.documents.docx(request);
      res.set({
        'Content-Type': DOCX_MEDIA_TYPE,
        'Content-Disposition': `attachment; filename="${doc.filename}.docx"`,
        'X-Registre-Fingerprint': doc.fingerprint,
      });
      res.send(doc.docx);
      return;
    }
    if (format === 'html') {
      const doc = await this.documents.html(request);
      res.set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PREVIEW_CSP,
        'X-Registre-Fingerprint': doc.fingerprint,
      });
      res.send(doc.html);
      return;
    }
    const doc = await this.documents.pdf(request);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${doc.filename}.pdf"`,
      'X-Registre-Fingerprint': doc.fingerprint,
      'X-Registre-Cache': doc.cache,
    });
    res.send(doc.pdf);
  }
}
