import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BundlesService } from '../bundles/bundles.service';
import type { IncomingBundle, IncomingRecord, PlanAction, PlannedRecord } from '../bundles/import-plan';
import { canReach, currentActor } from '../common/actor';
import { Clock } from '../common/clock';
import { DomainError, ValidationFailedError } from '../common/errors';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { SLUG_PATTERN } from '../organisations/organisation.dto';
import { BUNDLED_KINDS, CollectionName } from '../records/record-kinds';
import type { BundleDto } from '../bundles/bundle.dto';
import { normaliseName } from '../reference/countries';
import { editDistance } from './values';
import { isCnilRegister, readCnilRegister } from './cnil';
import { FileRefusedError } from './file-errors';
import { humanise } from './labels';
import { asFieldProblems, describeProblem, ImportProblem, locateProblems, Location, Provenance } from './problems';
import { DEFAULT_READ_LIMITS, decodeText, ReadLimits, readTable } from './read';
import { isRegistreWorkbook, readRegistreWorkbook } from './registre-workbook';

export interface ImportRequest {
  data: Buffer;
  /** A bundle already parsed (a JSON request body); `data` is then ignored. */
  json?: unknown;
  filename?: string;
  contentType?: string;
  /** Target organisation (required for the CNIL template, which names none). */
  org?: string;
  /** Records of the organisation that the file does not hold are deleted. */
  replace?: boolean;
  /** Also import the CNIL's own example fiche. */
  includeExample?: boolean;
  /** Day adequacy claims are checked on (default today, Europe/Paris). */
  asOf?: string;
  /** The fingerprint of the preview being confirmed: nothing is written if the plan changed since. */
  expect?: string;
}

export interface ImportPreview {
  source: {
    format: 'json' | 'ods' | 'xlsx' | 'csv';
    layout: 'bundle' | 'registre-workbook' | 'cnil-register';
    file?: string;
    sheets: { sheet: string; as: string; rows: number }[];
    notes: string[];
  };
  organisation: { slug: string; action: 'create' | 'change' | 'unchanged'; fields?: string[] };
  replace: boolean;
  summary: Record<PlanAction, number> & { errors: number; warnings: number };
  records: (PlannedRecord & { at?: Location })[];
  problems: ImportProblem[];
  /** One line per problem, as a person reads it. */
  messages: string[];
  fingerprint: string;
  applied: boolean;
}

interface Parsed {
  incoming: IncomingBundle;
  provenance: Provenance;
  problems: ImportProblem[];
  slug?: string;
  /** The CNIL template's controller country, for an organisation to create. */
  country?: string;
  source: ImportPreview['source'];
}

interface Prepared {
  parsed: Parsed;
  slug: string;
}

/**
 * Imports of every kind — a bundle, Registre's workbook, the CNIL template — in two steps: a preview
 * (the plan: records to create, change, leave alone, and every problem located by sheet, row and
 * column) and a confirmation that writes that plan, all or nothing. The same plan and the same
 * validation (the bundle validation, hence the API's DTOs and messages) serve the CLI, the API and
 * the web application.
 */
@Injectable()
export class ImportService {
  private readonly limits: ReadLimits;

  constructor(
    private readonly bundles: BundlesService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = { ...DEFAULT_READ_LIMITS, ...config.imports };
  }

  /** What the import would do; nothing is written. */
  async preview(request: ImportRequest): Promise<ImportPreview> {
    return this.previewOf(await this.prepare(request), request);
  }

  private async prepare(request: ImportRequest): Promise<Prepared> {
    const parsed = this.parse(request);
    const slug = this.slugOf(parsed, request);
    await this.completeOrganisation(parsed, slug);
    return { parsed, slug };
  }

  private async previewOf({ parsed, slug }: Prepared, request: ImportRequest): Promise<ImportPreview> {
    const { plan, merged } = await this.bundles.plan(parsed.incoming, { slug, replace: request.replace });
    const located = locateProblems(plan.problems, parsed.provenance).map((p) => {
      const suggestion = p.suggestion ?? suggestKey(p.problem, merged);
      return suggestion ? { ...p, suggestion } : p;
    });
    const problems = [...parsed.problems, ...located];
    const records = plan.records.map((r) => {
      const at = r.index !== undefined ? parsed.provenance.get(`${r.collection}[${r.index}]`) : undefined;
      return at ? { ...r, at } : r;
    });
    return {
      source: parsed.source,
      organisation: plan.organisation,
      replace: plan.replace,
      summary: {
        ...plan.summary,
        errors: problems.filter((p) => p.severity === 'error').length,
        warnings: problems.filter((p) => p.severity === 'warning').length,
      },
      records,
      problems,
      messages: problems.map((p) => `${p.severity}: ${describeProblem(p)}`),
      fingerprint: plan.fingerprint,
      applied: false,
    };
  }

  /**
   * Writes what the preview shows, all or nothing: refused (400, every problem located) while the
   * file has errors, refused (409) when `expect` is given and the plan changed since that preview.
   */
  async apply(request: ImportRequest): Promise<ImportPreview> {
    const prepared = await this.prepare(request);
    const preview = await this.previewOf(prepared, request);
    if (preview.summary.errors) {
      throw new ValidationFailedError(
        asFieldProblems(preview.problems),
        `The file has ${preview.summary.errors} problem(s); nothing was written`,
      );
    }
    await this.bundles.applyPlan(prepared.parsed.incoming, {
      slug: prepared.slug,
      replace: request.replace,
      expect: request.expect ?? preview.fingerprint,
    });
    return { ...preview, applied: true };
  }

  private parse(request: ImportRequest): Parsed {
    if (request.data.length > this.limits.maxBytes) {
      throw new FileRefusedError(
        'file_too_large',
        `The file is larger than ${Math.round(this.limits.maxBytes / 1048576)} MB`,
      );
    }
    if (request.json !== undefined || looksLikeJson(request)) return this.parseBundle(request);
    const table = readTable(request.data, this.limits);
    const file = request.filename;
    if (isRegistreWorkbook(table)) {
      const read = readRegistreWorkbook(table);
      return {
        incoming: read.incoming,
        provenance: read.provenance,
        problems: [...table.notes.map((n): ImportProblem => ({ severity: 'info', problem: n })), ...read.problems],
        slug: read.slug,
        source: { format: table.format, layout: 'registre-workbook', file, sheets: read.sheets, notes: table.notes },
      };
    }
    if (isCnilRegister(table)) {
      const read = readCnilRegister(table, {
        includeExample: request.includeExample,
        fileName: file,
        asOf: request.asOf ?? this.clock.today(),
      });
      return {
        incoming: read.incoming,
        provenance: read.provenance,
        problems: [...table.notes.map((n): ImportProblem => ({ severity: 'info', problem: n })), ...read.problems],
        source: { format: table.format, layout: 'cnil-register', file, sheets: read.sheets, notes: table.notes },
        country: read.organisationCountry,
      };
    }
    const names = table.sheets.map((s) => `"${s.name}"`).join(', ');
    throw new FileRefusedError(
      'unsupported_file',
      table.format === 'csv'
        ? "The CSV holds none of Registre's sheets (its header row matches no sheet of the workbook); a provider's list of sub-processors is imported against its engagement (subprocessor-list)"
        : `Neither Registre's workbook nor the CNIL register template: sheets ${names}. Download the empty workbook (registre template) to see the layout`,
    );
  }

  private parseBundle(request: ImportRequest): Parsed {
    let raw: unknown = request.json;
    if (raw === undefined) {
      try {
        raw = JSON.parse(decodeText(request.data));
      } catch (error) {
        throw new DomainError(400, 'malformed_json', `The file is not valid JSON: ${(error as Error).message}`);
      }
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ValidationFailedError([{ field: '', problem: 'a bundle must be a JSON object' }]);
    }
    const bundle = raw as Record<string, unknown>;
    const collections: IncomingBundle['collections'] = {};
    const problems: ImportProblem[] = [];
    for (const [name, list] of Object.entries(bundle)) {
      if (['format', 'version', 'organisation'].includes(name)) continue;
      if (!Array.isArray(list)) continue;
      collections[name as CollectionName] = list.map((record): IncomingRecord => ({
        record: record as IncomingRecord['record'],
      }));
    }
    const organisation = bundle.organisation as Record<string, unknown> | undefined;
    if (bundle.format !== 'registre-bundle' || bundle.version !== 1) {
      problems.push({
        severity: 'error',
        field: 'format',
        problem: 'not a Registre bundle (format "registre-bundle", version 1)',
      });
    }
    return {
      incoming: { collections, ...(organisation ? { organisation: { record: organisation } } : {}) },
      provenance: new Provenance(),
      problems,
      slug: typeof organisation?.slug === 'string' ? organisation.slug : undefined,
      source: { format: 'json', layout: 'bundle', file: request.filename, sheets: [], notes: [] },
    };
  }

  private slugOf(parsed: Parsed, request: ImportRequest): string {
    const slug = request.org ?? parsed.slug;
    if (!slug) {
      throw new DomainError(
        400,
        'organisation_required',
        'Say which organisation to import into (--org SLUG, or org=SLUG)',
        [{ field: 'org', problem: 'required: the file does not name its organisation' }],
      );
    }
    if (!canReach(currentActor(), slug)) {
      throw new DomainError(403, 'forbidden', `The key does not cover organisation "${slug}"`);
    }
    if (!SLUG_PATTERN.test(slug)) {
      throw new ValidationFailedError([
        { field: 'org', problem: 'slug must be lower-case letters and digits separated by single hyphens' },
      ]);
    }
    return slug;
  }

  /**
   * An organisation the import creates needs its name, country and roles. The CNIL template names
   * none of them: the slug gives the name, the controller's country (France by default) the country,
   * and the register is a controller's; each is said in the preview, to be corrected if wrong.
   */
  private async completeOrganisation(parsed: Parsed, slug: string): Promise<void> {
    if (parsed.source.layout !== 'cnil-register') return;
    const exists = await this.dataSource.manager.findOne(OrganisationEntity, { where: { slug } });
    if (exists) return;
    const record = { ...(parsed.incoming.organisation?.record ?? {}) };
    const country = parsed.country;
    record.name = humanise(slug.replace(/-/g, ' '));
    record.country = country ?? 'FR';
    record.roles = ['controller'];
    parsed.incoming.organisation = { record };
    parsed.problems.push({
      severity: 'warning',
      field: 'organisation',
      problem: `organisation "${slug}" will be created as "${String(record.name)}" (${String(record.country)}${country ? '' : ', assumed: the template does not say'}), controller: the CNIL template does not name the organisation — correct it afterwards if needed`,
    });
  }
}

/**
 * For "no engagement with key "ovh-hebergment"": the key probably meant — one a letter or two away,
 * or the key of the record whose name was written instead of its key.
 */
function suggestKey(problem: string, bundle: BundleDto): string | undefined {
  const m = /no ([a-z -]+?) with key "([^"]+)"/.exec(problem);
  if (!m) return undefined;
  const kind = BUNDLED_KINDS.find((k) => k.store.what.toLowerCase() === m[1]);
  if (!kind) return undefined;
  const records =
    (bundle as unknown as Record<string, { key: string; name?: unknown }[] | undefined>)[kind.collection] ?? [];
  const wanted = normaliseName(m[2]);
  const byName = records.find((r) => typeof r.name === 'string' && normaliseName(r.name) === wanted);
  if (byName) return `did you mean the key "${byName.key}" (${String(byName.name)})?`;
  const near = records.map((r) => ({ key: r.key, d: editDistance(m[2], r.key) })).sort((a, b) => a.d - b.d)[0];
  return near && near.d <= Math.max(2, Math.floor(m[2].length / 5)) ? `did you mean "${near.key}"?` : undefined;
}

function looksLikeJson(request: ImportRequest): boolean {
  if (request.contentType && /json/i.test(request.contentType)) return true;
  if (request.filename && /\.json$/i.test(request.filename)) return true;
  const head = request.data
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('{');
}
