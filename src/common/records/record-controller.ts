import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ApiProtected } from '../responses.dto';
import { RecordStore, RecordView } from './record-store';
import { strictValidationPipe } from '../validation.pipe';
import { OrgRecordEntity } from '../columns';
import { RecordsService } from './records.service';

/**
 * One CRUD controller per kind of record, all with the same shape under
 * `/api/organisations/:slug/<path>`. The body types are generic here, so each body gets an explicit
 * pipe with its DTO class (the global pipe cannot see through a generic).
 */
export function recordController<E extends OrgRecordEntity, D extends { key: string }>(options: {
  path: string;
  tag: string;
  store: RecordStore<E, D>;
  createDto: Type<D>;
  updateDto: Type<Partial<D>>;
  /** The response DTO: a record as the API answers it (`RecordViewOf(createDto)`, named by the kind). */
  viewDto: Type<RecordView<D>>;
  /** Extra class decorators, e.g. the role every route needs (admin for alert channels). */
  decorators?: ClassDecorator[];
}): Type<unknown> {
  const { path, tag, store, createDto, updateDto, viewDto } = options;
  const what = store.what.toLowerCase();

  @ApiTags(tag)
  @ApiProtected()
  @ApiErrors(404)
  @applyDecorators(...(options.decorators ?? []))
  @Controller(`organisations/:slug/${path}`)
  class RecordController {
    constructor(readonly records: RecordsService) {}

    @Get()
    @ApiOperation({ summary: `List the ${what} records of an organisation, by key` })
    @ApiOkResponse({ type: [viewDto] })
    list(@Param('slug') slug: string): Promise<RecordView<D>[]> {
      return this.records.list(slug, store);
    }

    @Get(':key')
    @ApiOperation({ summary: `Get one ${what}` })
    @ApiOkResponse({ type: viewDto })
    get(@Param('slug') slug: string, @Param('key') key: string): Promise<RecordView<D>> {
      return this.records.get(slug, store, key);
    }

    @Post()
    @ApiBody({ type: createDto })
    @ApiOperation({ summary: `Create a ${what}; 409 when the key is taken, 400 on a dangling reference` })
    @ApiCreatedResponse({ type: viewDto })
    @ApiErrors(400, 409)
    create(
      @Param('slug') slug: string,
      @Body(strictValidationPipe({ expectedType: createDto })) dto: D,
    ): Promise<RecordView<D>> {
      return this.records.create(slug, store, dto);
    }

    @Patch(':key')
    @ApiBody({ type: updateDto })
    @ApiOperation({ summary: `Change a ${what}; null clears a field; the result is validated as a whole` })
    @ApiOkResponse({ type: viewDto })
    @ApiErrors(400)
    update(
      @Param('slug') slug: string,
      @Param('key') key: string,
      @Body(strictValidationPipe({ expectedType: updateDto })) patch: Partial<D>,
    ): Promise<RecordView<D>> {
      return this.records.update(slug, store, key, patch);
    }

    @Delete(':key')
    @HttpCode(204)
    @ApiOperation({ summary: `Delete a ${what}; 409 while other records still refer to it` })
    @ApiNoContentResponse({ description: 'deleted' })
    @ApiErrors(409)
    async remove(@Param('slug') slug: string, @Param('key') key: string): Promise<void> {
      await this.records.remove(slug, store, key);
    }
  }
  Object.defineProperty(RecordController, 'name', { value: `${tag.replace(/\W/g, '')}Controller` });
  return RecordController;
}
