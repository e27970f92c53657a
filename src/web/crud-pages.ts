import { Injectable, Type } from '@nestjs/common';
import type { Response } from 'express';
import { ConflictError } from '../common/errors';
import { RecordStore } from '../common/records/record-store';
import { RecordsService } from '../common/records/records.service';
import type { OrgRecordEntity } from '../common/columns';
import type { ComplianceSnapshot } from '../snapshot/snapshot';
import type { WebRequest } from './context';
import type { FormModel, FormSpec } from './forms/form';
import { choicesFor } from './forms/specs';
import { OrgData } from './org-data';
import { RecordForms } from './record-forms';
import { WebRenderer } from './render.service';

/** How one kind of record is created, edited and deleted from the pages. */
export interface RecordKind<E extends OrgRecordEntity, D extends { key: string }> {
  store: RecordStore<E, D>;
  dto: Type<D>;
  spec: (create: boolean) => FormSpec;
  /** "what.subcontractor": the article and noun for messages. */
  what: string;
  nav: string;
  /** Path of the kind under the organisation, e.g. `/subcontractors`. */
  path: string;
  titles: { new: string; edit: string; intro?: string; create: string };
  flash: { created: string; saved: string; deleted: string };
  /** A key left empty is made from this field (or from a text the form values give). */
  keyFrom: { prefix: string; text: (value: Record<string, unknown>, snapshot: ComplianceSnapshot) => string };
  taken: (snapshot: ComplianceSnapshot) => string[];
  /** The page that shows a record once saved (default: the list). */
  showHref?: (base: string, key: string, value: Record<string, unknown>, snapshot: ComplianceSnapshot) => string;
  /** Where "cancel" and the breadcrumb lead. */
  listHref?: (base: string) => string;
  name: (record: Record<string, unknown>) => string;
  addRows?: Record<string, number>;
  adjust?: (patch: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Create / edit / delete pages shared by every kind of record: the form comes from the kind's spec,
 * the writes go through RecordsService and the kind's store (the API's), errors come back next to
 * their fields.
 */
@Injectable()
export class CrudPages {
  constructor(
    private readonly data: OrgData,
    private readonly records: RecordsService,
    private readonly forms: RecordForms,
    private readonly renderer: WebRenderer,
  ) {}

  async newForm<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    kind: RecordKind<E, D>,
    preset: Record<string, unknown> = {},
  ): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const form = this.forms.blank(req, kind.spec(true), choicesFor(req.web.lang, snapshot), preset, kind.addRows);
    this.formPage(req, res, kind, form, 200, null);
  }

  async create<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    kind: RecordKind<E, D>,
  ): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const base = this.base(req);
    await this.forms.create(req, res, {
      spec: kind.spec(true),
      store: kind.store,
      dto: kind.dto,
      choices: choicesFor(req.web.lang, snapshot),
      keyFrom: {
        prefix: kind.keyFrom.prefix,
        taken: new Set(kind.taken(snapshot)),
        text: (value) => kind.keyFrom.text(value, snapshot),
      },
      page: {
        show: (form, status) => this.formPage(req, res, kind, form, status, null),
        saved: (key, value) => ({
          location: kind.showHref?.(base, key, value, snapshot) ?? this.list(req, kind),
          flash: kind.flash.created,
          params: { name: kind.name(value) },
        }),
      },
    });
  }

  async editForm<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    kind: RecordKind<E, D>,
    key: string,
  ): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const record = (await this.records.get(req.web.org!.slug, kind.store, key)) as unknown as Record<string, unknown>;
    const form = this.forms.blank(req, kind.spec(false), choicesFor(req.web.lang, snapshot), record);
    this.formPage(req, res, kind, form, 200, { key, name: kind.name(record) });
  }

  async update<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    kind: RecordKind<E, D>,
    key: string,
  ): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const record = (await this.records.get(req.web.org!.slug, kind.store, key)) as unknown as Record<string, unknown>;
    const base = this.base(req);
    await this.forms.update(req, res, key, {
      spec: kind.spec(false),
      store: kind.store,
      choices: choicesFor(req.web.lang, snapshot),
      adjust: kind.adjust,
      page: {
        show: (form, status) => this.formPage(req, res, kind, form, status, { key, name: kind.name(record) }),
        saved: () => ({
          location: kind.showHref?.(base, key, record, snapshot) ?? this.list(req, kind),
          flash: kind.flash.saved,
          params: { name: kind.name(record) },
        }),
      },
    });
  }

  async confirmDelete<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    kind: RecordKind<E, D>,
    key: string,
  ): Promise<void> {
    const record = (await this.records.get(req.web.org!.slug, kind.store, key)) as unknown as Record<string, unknown>;
    this.deletePage(req, res, kind, key, kind.name(record), [], 200);
  }

  async remove<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    kind: RecordKind<E, D>,
    key: string,
    after?: string,
  ): Promise<void> {
    const record = (await this.records.get(req.web.org!.slug, kind.store, key)) as unknown as Record<string, unknown>;
    try {
      await this.records.remove(req.web.org!.slug, kind.store, key);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const t = this.forms.t(req);
      const blockers = error.details.map((d) => {
        const m = /^used by (\w[\w -]*) "(.*)"$/.exec(d.problem);
        return m ? t('delete.usedBy', { what: t(`subject.${m[1]}`), key: m[2] }) : d.problem;
      });
      return this.deletePage(req, res, kind, key, kind.name(record), blockers, 409);
    }
    this.renderer.redirect(req, res, after ?? this.list(req, kind), {
      key: kind.flash.deleted,
      params: { name: kind.name(record) },
    });
  }

  private base(req: WebRequest): string {
    return `/o/${req.web.org!.slug}`;
  }

  private list<E extends OrgRecordEntity, D extends { key: string }>(req: WebRequest, kind: RecordKind<E, D>): string {
    return kind.listHref?.(this.base(req)) ?? `${this.base(req)}${kind.path}`;
  }

  private deletePage<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    kind: RecordKind<E, D>,
    key: string,
    name: string,
    blockers: string[],
    status: number,
  ): void {
    const base = this.base(req);
    this.renderer.page(
      req,
      res,
      'confirm-delete',
      {
        name,
        what: kind.what,
        action: `${base}${kind.path}/${encodeURIComponent(key)}/delete`,
        cancelHref: this.list(req, kind),
        blockers,
      },
      { title: 'delete.title', titleParams: { name }, nav: kind.nav, status },
    );
  }

  private formPage<E extends OrgRecordEntity, D extends { key: string }>(
    req: WebRequest,
    res: Response,
    kind: RecordKind<E, D>,
    form: FormModel,
    status: number,
    edit: { key: string; name: string } | null,
  ): void {
    const base = this.base(req);
    this.renderer.page(
      req,
      res,
      'record-form-page',
      {
        form,
        intro: edit ? null : (kind.titles.intro ?? null),
        action: edit ? `${base}${kind.path}/${encodeURIComponent(edit.key)}/edit` : `${req.path}${queryOf(req)}`,
        submitLabel: this.renderer.t(req.web, edit ? 'form.save' : kind.titles.create),
        cancelHref: this.list(req, kind),
      },
      {
        title: edit ? kind.titles.edit : kind.titles.new,
        titleParams: { name: edit?.name ?? '' },
        nav: kind.nav,
        status,
        crumbs: [{ label: this.renderer.t(req.web, `nav.${kind.nav}`), href: this.list(req, kind) }],
      },
    );
  }
}

function queryOf(req: WebRequest): string {
  const i = req.originalUrl.indexOf('?');
  return i < 0 ? '' : req.originalUrl.slice(i);
}
