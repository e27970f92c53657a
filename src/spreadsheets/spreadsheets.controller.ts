import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { BundleDto, ImportResultDto } from '../bundles/bundle.dto';
import { ApiErrors, ApiFileResponse, ApiProtected } from '../common/responses.dto';
import type { Request, Response } from 'express';
import { RequireRole } from '../auth/auth.guard';
import { BundlesService } from '../bundles/bundles.service';
import { canReach, currentActor } from '../common/actor';
import { DomainError, NotFoundError } from '../common/errors';
import { ImportService } from './import.service';
import {
  ImportPreviewDto,
  ImportQueryDto,
  SubprocessorListPreviewDto,
  SubprocessorListQueryDto,
  WorkbookQueryDto,
} from './spreadsheets.dto';
import { SubprocessorListService } from './subprocessor-list.service';
import { WorkbookService } from './workbook.service';
import { MEDIA_TYPES, WorkbookFormat } from './writers';

/** The media types a file upload may come as (besides JSON and multipart/form-data). */
export const UPLOAD_TYPES = [
  MEDIA_TYPES.ods,
  MEDIA_TYPES.xlsx,
  'application/vnd.ms-excel.sheet.macroEnabled.12',
  'application/octet-stream',
  'text/csv',
  'text/plain',
  'text/tab-separated-values',
  'text/markdown',
];

/** A file as the request body (its bytes), or as the form field `file` of multipart/form-data. */
const UPLOAD_SCHEMA = {
  oneOf: [
    { type: 'string' as const, format: 'binary' },
    {
      type: 'object' as const,
      properties: { file: { type: 'string' as const, format: 'binary' } },
      required: ['file'],
    },
  ],
};

interface UploadedFileLike {
  buffer: Buffer;
  originalname?: string;
  mimetype?: string;
}

function fileOf(
  req: Request,
  file: UploadedFileLike | undefined,
): { data: Buffer; filename?: string; contentType?: string } {
  if (file) return { data: file.buffer, filename: file.originalname, contentType: file.mimetype };
  const body: unknown = req.body;
  if (Buffer.isBuffer(body) && body.length) {
    const name = /filename="?([^";]+)"?/.exec(String(req.headers['content-disposition'] ?? ''))?.[1];
    return { data: body, filename: name, contentType: req.headers['content-type'] };
  }
  throw new DomainError(
    400,
    'file_required',
    'Send the file: as the request body (with its media type) or as the form field "file"',
    [{ field: '(file)', problem: 'no file in the request' }],
  );
}

function formatOf(name: string): WorkbookFormat {
  if (name === 'ods' || name === 'xlsx') return name;
  throw new NotFoundError('Workbook format', name);
}

@ApiTags('import')
@ApiProtected()
@Controller()
export class ImportController {
  constructor(
    private readonly imports: ImportService,
    private readonly bundles: BundlesService,
  ) {}

  @Post('import')
  @RequireRole('admin')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('application/json', 'multipart/form-data', ...UPLOAD_TYPES)
  @ApiExtraModels(BundleDto)
  @ApiBody({
    description:
      "a bundle (JSON), Registre's workbook (ODS, XLSX, or one of its sheets as CSV) or the CNIL register template: as the body with its media type, or as the form field file",
    schema: { oneOf: [{ $ref: getSchemaPath(BundleDto) }, UPLOAD_SCHEMA] },
  })
  @ApiOperation({
    summary:
      'Import a bundle, a workbook or the CNIL register: dryRun=true returns the plan (records to create, change, leave alone; every problem by sheet, row and column); otherwise the plan is written, all or nothing',
  })
  @ApiExtraModels(ImportResultDto, ImportPreviewDto)
  @ApiOkResponse({ type: ImportPreviewDto, description: 'dryRun=true: the plan, nothing written' })
  @ApiCreatedResponse({
    description: 'written: a bundle posted as JSON answers its counts; a file, what was written',
    schema: { oneOf: [{ $ref: getSchemaPath(ImportResultDto) }, { $ref: getSchemaPath(ImportPreviewDto) }] },
  })
  @ApiErrors(400, 409, 413, 415)
  async import(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @UploadedFile() file?: UploadedFileLike,
  ): Promise<ImportResultDto | ImportPreviewDto> {
    const isJson = !file && !Buffer.isBuffer(body) && typeof body === 'object' && body !== null;
    if (isJson && !query.dryRun && !query.org && !query.expect) {
      // A bundle posted as JSON keeps its contract: 201, 409 when the organisation exists unless replace.
      const slug = (body as { organisation?: { slug?: unknown } }).organisation?.slug;
      if (typeof slug === 'string' && !canReach(currentActor(), slug)) {
        throw new DomainError(403, 'forbidden', `The key does not cover organisation "${slug}"`);
      }
      res.status(201);
      return this.bundles.import(body, { replace: query.replace });
    }
    const request = {
      ...(isJson ? { data: Buffer.alloc(0), json: body } : fileOf(req, file)),
      org: query.org,
      replace: query.replace,
      includeExample: query.includeExample,
      asOf: query.asOf,
      expect: query.expect,
    };
    if (query.dryRun) return this.imports.preview(request);
    res.status(201);
    return this.imports.apply(request);
  }
}

@ApiTags('workbook')
@ApiProtected()
@ApiErrors(400, 404)
@Controller()
export class WorkbookController {
  constructor(private readonly workbooks: WorkbookService) {}

  @Get('workbook/template.:format')
  @ApiParam({ name: 'format', enum: ['ods', 'xlsx'] })
  @ApiFileResponse('the workbook', [MEDIA_TYPES.ods, MEDIA_TYPES.xlsx])
  @ApiOperation({
    summary: "Registre's empty workbook to fill by hand: one sheet per collection, drop-down lists, a notes row",
  })
  async template(@Param('format') format: string, @Query() query: WorkbookQueryDto, @Res() res: Response) {
    send(res, await this.workbooks.template(formatOf(format), query.lang));
  }

  @Get('organisations/:slug/workbook.:format')
  @ApiParam({ name: 'format', enum: ['ods', 'xlsx'] })
  @ApiFileResponse('the workbook', [MEDIA_TYPES.ods, MEDIA_TYPES.xlsx])
  @ApiOperation({ summary: "The organisation as Registre's workbook (import it back: the same data)" })
  async export(
    @Param('slug') slug: string,
    @Param('format') format: string,
    @Query() query: WorkbookQueryDto,
    @Res() res: Response,
  ) {
    send(res, await this.workbooks.export(slug, formatOf(format), query.lang));
  }
}

function send(res: Response, file: { data: Buffer; filename: string; mediaType: string }): void {
  res.set({ 'Content-Type': file.mediaType, 'Content-Disposition': `attachment; filename="${file.filename}"` });
  res.send(file.data);
}

@ApiTags('subcontractors')
@ApiProtected()
@Controller('organisations/:slug/engagements/:key')
export class SubprocessorListController {
  constructor(private readonly lists: SubprocessorListService) {}

  @Post('subprocessor-list')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data', ...UPLOAD_TYPES)
  @ApiBody({
    description: 'the list: as the body with its media type, or as the form field file',
    schema: UPLOAD_SCHEMA,
  })
  @ApiOperation({
    summary:
      "A provider's published list of sub-processors (CSV, XLSX, ODS or a pasted table) against this engagement: the changes (added, removed, moved country, new safeguard) as dated change notices; dryRun=true only compares",
  })
  @ApiOkResponse({ type: SubprocessorListPreviewDto, description: 'dryRun=true, or no change to record' })
  @ApiCreatedResponse({ type: SubprocessorListPreviewDto, description: 'the change notices recorded' })
  @ApiErrors(400, 404, 409, 413, 415)
  async list(
    @Param('slug') slug: string,
    @Param('key') key: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: SubprocessorListQueryDto,
    @UploadedFile() file?: UploadedFileLike,
  ): Promise<SubprocessorListPreviewDto> {
    const request = {
      ...fileOf(req, file),
      noticeDate: query.noticeDate,
      plannedEffectiveOn: query.plannedEffectiveOn,
      expect: query.expect,
    };
    if (query.dryRun) return this.lists.preview(slug, key, request);
    const result = await this.lists.apply(slug, key, request);
    if (result.applied) res.status(201);
    return result;
  }
}
