import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Type } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordStore } from './record-store';
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
  /** Extra class decorators, e.g. the role every route needs (admin for alert channels). */
  decorators?: ClassDecorator[];
}): Type<unknown> {
  const { path, tag, store, createDto, updateDto } = options;
  const what = store.what.toLowerCase();

  @ApiTags(tag)
  @applyDecorators(...(options.decorators ?? []))
  @Controller(`organisations/:slug/${path}`)
  class RecordController {
    constructor(readonly records: RecordsService) {}

    @Get()
    @ApiOperation({ summary: `List the ${what} records of an organisation, by key` })
    list(@Param('slug') slug: string) {
      return this.records.list(slug, store);
    }

    @Get(':key')
    @ApiOperation({ summary: `Get one ${what}` })
    get(@Param('slug') slug: string, @Param('key') key: string) {
      return this.records.get(slug, store, key);
    }

    @Post()
    @ApiBody({ type: createDto })
    @ApiOperation({ summary: `Create a ${what}; 409 when the key is taken, 400 on a dangling reference` })
    create(@Param('slug') slug: string, @Body(strictValidationPipe({ expectedType: createDto })) dto: D) {
      return this.records.create(slug, store, dto);
    }

    @Patch(':key')
    @ApiBody({ type: updateDto })
    @ApiOperation({ summary: `Change a ${what}; null clears a field; the result is validated as a whole` })
    update(
      @Param('slug') slug: string,
      @Param('key') key: string,
      @Body(strictValidationPipe({ expectedType: updateDto })) patch: Partial<D>,
    ) {
      return this.records.update(slug, store, key, patch);
    }

    @Delete(':key')
    @HttpCode(204)
    @ApiOperation({ summary: `Delete a ${what}; 409 while other records still refer to it` })
    async remove(@Param('slug') slug: string, @Param('key') key: string): Promise<void> {
      await this.records.remove(slug, store, key);
    }
  }
  Object.defineProperty(RecordController, 'name', { value: `${tag.replace(/\W/g, '')}Controller` });
  return RecordController;
}
