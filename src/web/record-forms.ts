import { bodyOf } from './context';
import { Injectable, Type } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, FieldProblem } from '../common/errors';
import { RecordStore } from '../common/records/record-store';
import { RecordsService } from '../common/records/records.service';
import { validateAs } from '../common/validate';
import type { OrgRecordEntity } from '../common/columns';
import type { WebRequest } from './context';
import { addedRow, asPatch, FormModel, FormSpec, OptionSpec, parseForm, renderForm } from './forms/form';
import { WebRenderer } from './render.service';

export interface FormPage {
  /** Renders the page holding the form (status 200 for "add a row", 400/409 after a refusal). */
  show: (form: FormModel, status: number) => void | Promise<void>;
  /** Where to go once saved, and the message to show there. */
  saved: (
    key: string,
    value: Record<string, unknown>,
  ) => { location: string; flash: string; params?: Record<string, string> };
}

/** `Comptabilité fournisseurs` → `t-comptabilite-fournisseurs` (then -2, -3… while taken). */
export function suggestKey(prefix: string, text: string, taken: ReadonlySet<string>): string {
  const base =
    `${prefix}${text}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || `${prefix}record`.replace(/-+$/, '');
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/**
 * The create and edit flows of every record form: the posted form becomes the API's DTO, is validated
 * by the API's DTO class and written by the API's store through RecordsService (same transaction,
 * same audit row, same errors). A refusal shows the form again exactly as typed, each problem next
 * to its field.
 */
@Injectable()
export class RecordForms {
  constructor(
    private readonly records: RecordsService,
    private readonly renderer: WebRenderer,
  ) {}

  t(req: WebRequest) {
    return (key: string, params?: Record<string, string | number>) => this.renderer.t(req.web, key, params);
  }

  /** An empty form, or one filled from a stored record. */
  blank(
    req: WebRequest,
    spec: FormSpec,
    choices: Record<string, OptionSpec[]>,
    record: object = {},
    addRows?: Record<string, number>,
    idPrefix?: string,
  ): FormModel {
    return renderForm(
      spec,
      { kind: 'record', record: record as Record<string, unknown> },
      { lang: req.web.lang, t: this.t(req), choices, addRows, idPrefix },
    );
  }

  async create<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    options: {
      spec: FormSpec;
      store: RecordStore<E, D>;
      dto: Type<D>;
      choices: Record<string, OptionSpec[]>;
      page: FormPage;
      /** For a key left empty: made from a text of the record (its name), with this prefix. */
      keyFrom?: { prefix: string; taken: ReadonlySet<string>; text: (value: Record<string, unknown>) => string };
      /** Fields set by the page, not the form (e.g. the finding a waiver names). */
      fixed?: Record<string, unknown>;
      idPrefix?: string;
    },
  ): Promise<void> {
    const slug = req.web.org?.slug ?? '';
    const body = bodyOf(req);
    const again = addedRow(body, options.spec);
    if (again) return await options.page.show(this.fromBody(req, options, [], {}, again), 200);
    const parsed = parseForm(options.spec, body);
    const value: Record<string, unknown> = { ...parsed.value, ...(options.fixed ?? {}) };
    if (!value.key && options.keyFrom) {
      value.key = suggestKey(options.keyFrom.prefix, options.keyFrom.text(value), options.keyFrom.taken);
    }
    const { value: dto, problems } = validateAs(options.dto, value);
    if (problems.length) return await options.page.show(this.fromBody(req, options, problems, parsed.rows), 400);
    try {
      const created = await this.records.create(slug, options.store, dto);
      const next = options.page.saved(created.key, value);
      this.renderer.redirect(req, res, next.location, { key: next.flash, params: next.params });
    } catch (error) {
      if (!(error instanceof DomainError) || Number(error.status) >= 500 || Number(error.status) === 404) throw error;
      const details = error.details.length ? error.details : [{ field: '', problem: error.message }];
      await options.page.show(this.fromBody(req, options, details, parsed.rows), error.status);
    }
  }

  async update<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    key: string,
    options: {
      spec: FormSpec;
      store: RecordStore<E, D>;
      choices: Record<string, OptionSpec[]>;
      page: FormPage;
      /** Changes the patch before it is written (e.g. a write-only secret left empty is kept). */
      adjust?: (patch: Record<string, unknown>) => Record<string, unknown>;
    },
  ): Promise<void> {
    const slug = req.web.org?.slug ?? '';
    const body = bodyOf(req);
    const again = addedRow(body, options.spec);
    if (again) return await options.page.show(this.fromBody(req, options, [], {}, again), 200);
    const parsed = parseForm(options.spec, body);
    const patch = (options.adjust ?? ((p) => p))(asPatch(parsed));
    try {
      await this.records.update(slug, options.store, key, patch as Partial<D>);
      const next = options.page.saved(key, patch);
      this.renderer.redirect(req, res, next.location, { key: next.flash, params: next.params });
    } catch (error) {
      if (!(error instanceof DomainError) || Number(error.status) >= 500 || Number(error.status) === 404) throw error;
      const details = error.details.length ? error.details : [{ field: '', problem: error.message }];
      await options.page.show(this.fromBody(req, options, details, parsed.rows), error.status);
    }
  }

  fromBody(
    req: WebRequest,
    options: { spec: FormSpec; choices: Record<string, OptionSpec[]>; idPrefix?: string },
    problems: FieldProblem[],
    rows: Record<string, number[]>,
    addRows?: Record<string, number>,
    idPrefix = options.idPrefix,
  ): FormModel {
    return renderForm(
      options.spec,
      { kind: 'body', body: bodyOf(req) },
      { lang: req.web.lang, t: this.t(req), choices: options.choices, problems, rows, addRows, idPrefix },
    );
  }
}
