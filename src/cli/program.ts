import type { INestApplicationContext } from '@nestjs/common';
import { Command, CommanderError, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { BundlesService } from '../bundles/bundles.service';
import { isIsoDate, isIsoInstant } from '../common/validators';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { KeysService } from '../auth/keys.service';
import { AlertsScheduler } from '../alerts/alerts.scheduler';
import { AlertsService } from '../alerts/alerts.service';
import { computeDeadline } from '../deadlines/deadline';
import type { PeriodUnit } from '../reference/vocabulary';
import { ComplianceService } from '../compliance/compliance.service';
import type { Lang } from '../compliance/finding';
import { DomainError } from '../common/errors';
import { databaseProblem } from '../common/database-errors';
import { findingsTable, groupsTable, importTable, subjectsTable, subprocessorListTable, timelineTable } from './tables';
import { present } from '../compliance/compliance.service';
import { FINDINGS_VIEWS, FindingsView } from '../compliance/findings-query.dto';
import { ImportService } from '../spreadsheets/import.service';
import { SubprocessorListService } from '../spreadsheets/subprocessor-list.service';
import { WorkbookService } from '../spreadsheets/workbook.service';
import type { WorkbookFormat } from '../spreadsheets/writers';
import { DOCUMENT_FILES } from '../documents/templates';
import { DocumentsService } from '../documents/documents.service';
import { AppConfig, ConfigError, describeDatabase, loadConfig } from '../config/config';
import { Clock } from '../common/clock';
import { createHttpApp } from '../http';
import { withContext } from './context';
import { stopOnSignals } from './shutdown';
import { terminalSafe } from './terminal';
import { readSecret } from './secret';
import { UsersService } from '../auth/users.service';
import { oneTimePassword } from '../auth/password';
import type { Role } from '../common/actor';

/** Exit codes: 0 ok, 1 failure (bad data, conflict, not found, I/O), 2 usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** Ends a command with a given exit code after its output is written (e.g. `check` with open errors). */
export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** A secret typed by the operator (a password), never an argument. */
  secret?: (prompt: string) => Promise<string>;
}

const stdio: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  secret: (prompt) => readSecret(prompt),
};

function readFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DomainError(
      400,
      'file_unreadable',
      `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
}

function workbookFormat(file: string | undefined): WorkbookFormat | undefined {
  const m = /\.(ods|xlsx)$/i.exec(file ?? '');
  return m ? (m[1].toLowerCase() as WorkbookFormat) : undefined;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DomainError(
      400,
      'file_unreadable',
      `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DomainError(400, 'malformed_json', `${file} is not valid JSON: ${(e as Error).message}`);
  }
}

export interface CliOptions {
  /** The application's clock (tests set it); the system clock otherwise. */
  clock?: Clock;
  /** The environment to read the settings from; `process.env` otherwise. */
  env?: Readonly<Record<string, string | undefined>>;
}

export function buildProgram(io: Io = stdio, options: CliOptions = {}): Command {
  // Read and checked once, before any command runs (a bad setting stops every command, exit 1).
  let config: AppConfig | undefined;
  const settings = () => (config ??= loadConfig(options.env));
  const context = <T>(work: Parameters<typeof withContext<T>>[0]) =>
    withContext(work, { config: settings(), clock: options.clock });
  /** Human-readable output: text from the data cannot drive the terminal. */
  const say = (text: string) => io.out(terminalSafe(text));

  const program = new Command('registre')
    .description('Registre — GDPR Article 30 register and subcontractor chain (SQLite under ./data by default)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .hook('preAction', () => {
      settings();
    });

  program
    .command('seed')
    .description('Load the bundles of seeds/ (an organisation already present is kept unless --reset)')
    .option('--reset', 'replace the seeded organisations with the seed files')
    .option('--json', 'machine-readable output')
    .action(async (opts: { reset?: boolean; json?: boolean }) => {
      const results = await context((app) => app.get(BundlesService).seed({ reset: opts.reset }));
      if (opts.json) io.out(JSON.stringify(results, null, 2));
      else for (const r of results) say(`${r.action.padEnd(8)} ${r.organisation.padEnd(20)} ${r.file}`);
    });

  program
    .command('export')
    .description(
      "Write one organisation as a bundle (JSON, stable order), or as Registre's workbook when FILE ends in .ods or .xlsx",
    )
    .requiredOption('--org <slug>', 'organisation slug')
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(
      new Option('--lang <lang>', 'workbook: language of headers and labels').choices(['fr', 'en']).default('fr'),
    )
    .action(async (opts: { org: string; out?: string; lang: Lang }) => {
      const format = workbookFormat(opts.out);
      if (format && opts.out) {
        const file = await context((app) => app.get(WorkbookService).export(opts.org, format, opts.lang));
        writeFileSync(opts.out, file.data);
        say(`wrote ${resolve(opts.out)}`);
        return;
      }
      const bundle = await context((app) => app.get(BundlesService).export(opts.org));
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, text);
        io.err(`wrote ${opts.out}`);
      } else io.out(text);
    });

  program
    .command('template')
    .description("Write Registre's empty workbook (ODS or XLSX, by the file's extension) for a DPO to fill by hand")
    .requiredOption('--out <file>', 'FILE.ods or FILE.xlsx')
    .addOption(new Option('--lang <lang>', 'language of headers, notes and labels').choices(['fr', 'en']).default('fr'))
    .action(async (opts: { out: string; lang: Lang }) => {
      const format = workbookFormat(opts.out);
      if (!format) throw new UsageError('--out must end in .ods or .xlsx');
      const file = await context((app) => app.get(WorkbookService).template(format, opts.lang));
      writeFileSync(opts.out, file.data);
      say(`wrote ${resolve(opts.out)}`);
    });

  program
    .command('import')
    .description(
      "Import a bundle (JSON), Registre's workbook (ODS, XLSX, a sheet as CSV) or the CNIL register template: the plan (records to create, change, leave alone; every problem by sheet, row and column), then all or nothing",
    )
    .argument('<file>', 'FILE.json, FILE.ods, FILE.xlsx or FILE.csv')
    .option('--dry-run', 'show the plan only; write nothing')
    .option('--org <slug>', 'organisation to import into (required for the CNIL template)')
    .option('--replace', "delete the organisation's records the file does not hold (JSON: replace the organisation)")
    .option('--include-example', "CNIL template: also import the CNIL's example fiche")
    .option('--as-of <date>', 'day adequacy claims are checked on, YYYY-MM-DD; default today')
    .option('--json', 'machine-readable output')
    .action(
      async (
        file: string,
        opts: {
          dryRun?: boolean;
          org?: string;
          replace?: boolean;
          includeExample?: boolean;
          asOf?: string;
          json?: boolean;
        },
      ) => {
        if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
          throw new UsageError(`--as-of must be a real date as YYYY-MM-DD, not "${String(opts.asOf)}"`);
        }
        const data = readFile(file);
        const isBundle = /\.json$/i.test(file);
        if (isBundle && !opts.dryRun && !opts.org) {
          const raw = readJsonFile(file);
          const result = await context((app) => app.get(BundlesService).import(raw, { replace: opts.replace }));
          if (opts.json) io.out(JSON.stringify(result, null, 2));
          else {
            const counts = Object.entries(result.counts)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ');
            say(`${result.replaced ? 'replaced' : 'imported'} ${result.organisation}: ${counts}`);
          }
          return;
        }
        const request = {
          data,
          filename: basename(file),
          org: opts.org,
          replace: opts.replace,
          includeExample: opts.includeExample,
          asOf: opts.asOf,
        };
        const preview = await context(async (app) => {
          const imports = app.get(ImportService);
          const plan = await imports.preview(request);
          if (opts.dryRun || plan.summary.errors) return plan;
          return imports.apply({ ...request, expect: plan.fingerprint });
        });
        if (opts.json) io.out(JSON.stringify(preview, null, 2));
        else say(importTable(preview));
        if (preview.summary.errors) throw new ExitSignal(EXIT.failure);
      },
    );

  const subprocessors = program.command('subprocessors').description("A provider's list of sub-processors");
  subprocessors
    .command('import')
    .description(
      "Compare a provider's published list (CSV, XLSX, ODS, a pasted table) with the sub-processors recorded under an engagement, and record each change as a dated notice",
    )
    .argument('<file>', 'the list')
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--engagement <key>', 'the engagement with the provider that published the list')
    .option('--notice-date <when>', 'day (or instant with offset) the list was received; default today')
    .option('--effective-on <date>', 'day the changes take effect, when the provider says')
    .option('--dry-run', 'compare only; write nothing')
    .option('--json', 'machine-readable output')
    .action(
      async (
        file: string,
        opts: {
          org: string;
          engagement: string;
          noticeDate?: string;
          effectiveOn?: string;
          dryRun?: boolean;
          json?: boolean;
        },
      ) => {
        if (opts.noticeDate !== undefined && !isIsoDate(opts.noticeDate) && !isIsoInstant(opts.noticeDate)) {
          throw new UsageError(
            `--notice-date must be YYYY-MM-DD or an ISO instant with offset, not "${String(opts.noticeDate)}"`,
          );
        }
        if (opts.effectiveOn !== undefined && !isIsoDate(opts.effectiveOn)) {
          throw new UsageError(`--effective-on must be a real date as YYYY-MM-DD, not "${String(opts.effectiveOn)}"`);
        }
        const request = {
          data: readFile(file),
          filename: basename(file),
          noticeDate: opts.noticeDate,
          plannedEffectiveOn: opts.effectiveOn,
        };
        const result = await context(async (app) => {
          const lists = app.get(SubprocessorListService);
          const preview = await lists.preview(opts.org, opts.engagement, request);
          if (opts.dryRun || preview.summary.errors || preview.noChanges) return preview;
          return lists.apply(opts.org, opts.engagement, { ...request, expect: preview.fingerprint });
        });
        if (opts.json) io.out(JSON.stringify(result, null, 2));
        else say(subprocessorListTable(result));
        if (result.summary.errors) throw new ExitSignal(EXIT.failure);
      },
    );

  program
    .command('check')
    .description('Check an organisation on a date: findings with legal references (exit 1 when an error is open)')
    .requiredOption('--org <slug>', 'organisation slug')
    .option('--as-of <date>', 'the day asked, YYYY-MM-DD (Europe/Paris); default today')
    .addOption(new Option('--lang <lang>', 'language of the texts').choices(['fr', 'en']).default('fr'))
    .addOption(
      new Option(
        '--view <view>',
        'groups = one block per rule with the subjects it applies to (readable default); subjects = one block per record; findings = every finding in full (--json default)',
      ).choices([...FINDINGS_VIEWS]),
    )
    .option('--json', 'the same JSON as GET /api/organisations/:slug/findings[?view=]')
    .action(async (opts: { org: string; asOf?: string; lang: Lang; json?: boolean; view?: FindingsView }) => {
      if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
        throw new UsageError(`--as-of must be a real date as YYYY-MM-DD, not "${String(opts.asOf)}"`);
      }
      const report = await context((app) =>
        app.get(ComplianceService).findings(opts.org, { asOf: opts.asOf, lang: opts.lang }),
      );
      if (opts.json) io.out(JSON.stringify(present(report, opts.view ?? 'findings', opts.lang), null, 2));
      else {
        const view = opts.view ?? 'groups';
        const table = view === 'groups' ? groupsTable : view === 'subjects' ? subjectsTable : findingsTable;
        say(table(report, opts.lang));
      }
      if (report.summary.error > 0) throw new ExitSignal(EXIT.failure);
    });

  program
    .command('render')
    .description('Write a document as PDF (HTML when FILE ends in .html, Word when it ends in .docx)')
    .argument('<kind>', `one of: ${Object.keys(DOCUMENT_FILES).join(', ')}, breach-report`)
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--out <file>', 'where to write it')
    .option('--as-of <date>', 'the day the document speaks of, YYYY-MM-DD (Europe/Paris); default today')
    .addOption(new Option('--lang <lang>', 'language').choices(['fr', 'en']).default('fr'))
    .option('--client <name>', 'DPA annex: the client it is for')
    .option('--breach <key>', 'breach-report: the breach')
    .action(
      async (
        kindName: string,
        opts: { org: string; out: string; asOf?: string; lang: Lang; client?: string; breach?: string },
      ) => {
        const kind = kindName === 'breach-report' ? 'breach-report' : DOCUMENT_FILES[kindName];
        if (kind === 'breach-report' && !opts.breach) throw new UsageError('breach-report needs --breach KEY');
        if (!kind)
          throw new UsageError(`unknown document "${kindName}"; one of: ${Object.keys(DOCUMENT_FILES).join(', ')}`);
        if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
          throw new UsageError(`--as-of must be a real date as YYYY-MM-DD, not "${String(opts.asOf)}"`);
        }
        const request = {
          kind,
          slug: opts.org,
          lang: opts.lang,
          asOf: opts.asOf,
          client: opts.client,
          breach: opts.breach,
        };
        const html = opts.out.endsWith('.html');
        const word = opts.out.toLowerCase().endsWith('.docx');
        const doc = await context(async (app) => {
          const documents = app.get(DocumentsService);
          if (word) return documents.docx(request);
          if (html) return documents.html(request);
          return documents.pdf(request);
        });
        writeFileSync(opts.out, 'docx' in doc ? doc.docx : 'pdf' in doc ? doc.pdf : doc.html);
        say(`wrote ${resolve(opts.out)} (${doc.title}, ${doc.organisation}; fingerprint ${doc.fingerprint})`);
      },
    );

  const breach = program.command('breach').description('Personal-data breaches');
  breach
    .command('timeline')
    .description('The notification chain of a breach: each party, its due instant and its status')
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--id <key>', 'breach key')
    .option('--as-of <when>', 'a day (its end, 24:00 Paris) or an instant with offset; default now')
    .option('--json', 'the same JSON as GET /api/organisations/:slug/breaches/:key/timeline')
    .action(async (opts: { org: string; id: string; asOf?: string; json?: boolean }) => {
      if (opts.asOf !== undefined && !isIsoDate(opts.asOf) && !isIsoInstant(opts.asOf)) {
        throw new UsageError(`--as-of must be YYYY-MM-DD or an ISO instant with offset, not "${String(opts.asOf)}"`);
      }
      const timeline = await context((app) => app.get(DeadlinesService).breachTimeline(opts.org, opts.id, opts.asOf));
      if (opts.json) io.out(JSON.stringify(timeline, null, 2));
      else say(timelineTable(timeline));
      if (timeline.summary.overdue + timeline.summary.late > 0) throw new ExitSignal(EXIT.failure);
    });

  program
    .command('deadline')
    .description('Legal arithmetic: when a period started at an instant ends (Europe/Paris)')
    .requiredOption('--from <instant>', 'start, ISO 8601 with offset, e.g. 2026-05-22T19:00:00+02:00')
    .requiredOption(
      '--add <period>',
      'e.g. 72h, 30d (calendar days), 8wd (jours ouvrés), 6bd (jours ouvrables), 2w (weeks), 3m, 1y',
    )
    .option('--next-working-day', 'a period ending on a Saturday, Sunday or holiday moves to the next working day')
    .option('--alsace-moselle', 'add Good Friday and 26 December to the holidays')
    .option('--json', 'machine-readable output')
    .action(
      (opts: { from: string; add: string; nextWorkingDay?: boolean; alsaceMoselle?: boolean; json?: boolean }) => {
        if (!isIsoInstant(opts.from))
          throw new UsageError(`--from must be an ISO instant with offset, not "${String(opts.from)}"`);
        const period = parsePeriod(opts.add);
        const result = computeDeadline(opts.from, period, {
          nextWorkingDay: opts.nextWorkingDay,
          alsaceMoselle: opts.alsaceMoselle,
        });
        if (opts.json) io.out(JSON.stringify({ from: opts.from, period, ...result }, null, 2));
        else say(`${result.due}\n${result.rule.map((r) => `  ${r}`).join('\n')}`);
      },
    );

  const alerts = program.command('alerts').description('Alerts before certificates lapse and deadlines pass');
  alerts
    .command('run')
    .description('Run the alert scan now (what the daily job does); each alert is sent once')
    .option('--org <slug>', 'only this organisation')
    .option('--as-of <date>', 'the day scanned, YYYY-MM-DD (Europe/Paris); default today')
    .option('--json', 'machine-readable output')
    .action(async (opts: { org?: string; asOf?: string; json?: boolean }) => {
      if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
        throw new UsageError(`--as-of must be a real date as YYYY-MM-DD, not "${String(opts.asOf)}"`);
      }
      const result = await context((app) => app.get(AlertsService).scan({ slug: opts.org, asOf: opts.asOf }));
      if (opts.json) io.out(JSON.stringify(result, null, 2));
      else
        for (const o of result.organisations) {
          say(`${o.slug.padEnd(20)} ${o.created} new alert(s), ${o.sent} sent, ${o.failed} failed`);
        }
    });

  const keys = program.command('keys').description('API keys (shown once at creation, stored hashed)');
  keys
    .command('create')
    .description('Create an API key and print its token once')
    .requiredOption('--name <name>', 'who or what uses it')
    .addOption(
      new Option('--role <role>', 'viewer, editor or admin')
        .choices(['viewer', 'editor', 'admin'])
        .makeOptionMandatory(),
    )
    .requiredOption('--org <slugs>', 'comma-separated organisation slugs, or * for all')
    .option('--expires <instant>', 'expiry, ISO 8601 with offset')
    .option('--json', 'machine-readable output')
    .action(async (opts: { name: string; role: string; org: string; expires?: string; json?: boolean }) => {
      if (opts.expires !== undefined && !isIsoInstant(opts.expires)) {
        throw new UsageError(`--expires must be an ISO instant with offset, not "${String(opts.expires)}"`);
      }
      const organisations = opts.org
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const key = await context((app) =>
        app.get(KeysService).create({ name: opts.name, role: opts.role, organisations, expiresAt: opts.expires }),
      );
      if (opts.json) io.out(JSON.stringify(key, null, 2));
      else
        say(
          `${key.token}\n(key ${key.id}, ${key.role} of ${key.organisations.join(', ')}: keep the token now, it is not shown again)`,
        );
    });
  keys
    .command('list')
    .description('List the keys (never their tokens)')
    .action(async () => {
      for (const k of await context((app) => app.get(KeysService).list())) {
        say(
          `${k.id}  ${k.role.padEnd(6)}  ${k.organisations.join(',').padEnd(24)}  ${k.revokedAt ? 'revoked' : (k.expiresAt ?? '—')}  ${k.name}`,
        );
      }
    });
  keys
    .command('revoke')
    .description('Revoke a key at once')
    .argument('<id>', 'key id')
    .action(async (id: string) => {
      const key = await context((app) => app.get(KeysService).revoke(id));
      say(`revoked ${key.id} (${key.name})`);
    });

  const users = program
    .command('users')
    .description('People who sign in to the web application (passwords stored as scrypt hashes)');
  const password = async (): Promise<string> => {
    if (!io.secret) throw new UsageError('no standard input to read the password from');
    return io.secret('Password / mot de passe : ');
  };
  const findUser = async (app: INestApplicationContext, email: string) => {
    const user = await app.get(UsersService).findByEmail(email);
    if (!user) throw new DomainError(404, 'not_found', `User "${email}" was not found`);
    return user;
  };
  users
    .command('create')
    .description('Create a person; the password is read from standard input (or typed twice at a terminal)')
    .requiredOption('--email <email>', 'e-mail address, used to sign in')
    .requiredOption('--name <name>', 'name shown in the audit trail')
    .addOption(
      new Option('--role <role>', 'viewer, editor or admin')
        .choices(['viewer', 'editor', 'admin'])
        .makeOptionMandatory(),
    )
    .requiredOption('--org <slugs>', 'comma-separated organisation slugs, or * for all')
    .option(
      '--one-time',
      'generate a one-time password (printed once; changed at the first sign-in) instead of reading one',
    )
    .action(async (opts: { email: string; name: string; role: Role; org: string; oneTime?: boolean }) => {
      const secret = opts.oneTime ? oneTimePassword() : await password();
      const grants = opts.org
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((organisation) => ({ organisation, role: opts.role }));
      const user = await context((app) =>
        app.get(UsersService).create({
          email: opts.email,
          name: opts.name,
          password: secret,
          grants,
          mustChangePassword: opts.oneTime,
        }),
      );
      say(`created ${user.email} (${opts.role} of ${grants.map((g) => g.organisation).join(', ')})`);
      if (opts.oneTime) io.out(`one-time password: ${secret}`);
    });
  users
    .command('list')
    .description('List the people and their roles')
    .action(async () => {
      for (const u of await context((app) => app.get(UsersService).list())) {
        const grants = u.grants.map((g) => `${g.role}:${g.organisation}`).join(',');
        say(`${u.email.padEnd(32)} ${(u.disabledAt ? 'disabled' : 'active').padEnd(8)} ${grants.padEnd(30)} ${u.name}`);
      }
    });
  users
    .command('password')
    .description("Set a person's password (read from standard input) and end their sessions")
    .argument('<email>', 'the person')
    .option('--one-time', 'generate a one-time password instead (printed once)')
    .action(async (email: string, opts: { oneTime?: boolean }) => {
      const secret = opts.oneTime ? oneTimePassword() : await password();
      await context(async (app) => {
        const user = await findUser(app, email);
        await app.get(UsersService).setPassword(user.id, secret, { mustChange: opts.oneTime });
        await app.get(UsersService).unlock(user.id);
      });
      io.out(opts.oneTime ? `one-time password for ${email}: ${secret}` : `password changed for ${email}`);
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(name)
      .description(disabled ? 'Disable a person (their sessions end at once)' : 'Enable a disabled person again')
      .argument('<email>', 'the person')
      .action(async (email: string) => {
        await context(async (app) => app.get(UsersService).setDisabled((await findUser(app, email)).id, disabled));
        io.out(`${name}d ${email}`);
      });
  }

  program
    .command('serve')
    .description('Start the web application (/) and the HTTP API (/api, OpenAPI at /api/docs)')
    .addOption(new Option('--port <port>', 'port (default: PORT or 3000)').argParser(parsePort))
    .option('--host <host>', 'interface to listen on (default: HOST or 127.0.0.1)')
    .action(async (opts: { port?: number; host?: string }) => {
      const config = settings();
      const app = await createHttpApp({ config, clock: options.clock });
      const port = opts.port ?? config.http.port;
      const host = opts.host ?? config.http.host;
      if (config.alerts.schedule.enabled) app.get(AlertsScheduler).start();
      // On a read-only database nobody can be created: the server still serves reads (and says why no admin).
      const first = await app
        .get(UsersService)
        .ensureFirstAdmin()
        .catch((error: unknown) => {
          if (databaseProblem(error)?.code !== 'database_read_only') throw error;
          io.err('read-only database: no first administrator created; sign in with an existing account');
          return undefined;
        });
      await app.listen(port, host);
      stopOnSignals(app, config.http.shutdownTimeoutMs, io);
      const bound = (app.getHttpServer() as { address(): { port: number } | string | null }).address();
      const actual = typeof bound === 'object' && bound ? bound.port : port;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`;
      io.out(`Registre on ${url} (API: ${url}api, docs: ${url}api/docs) — ${describeDatabase(config)}`);
      if (first) {
        io.out(
          [
            '',
            `  Sign in / connexion : ${url}`,
            `  e-mail       : ${first.email}`,
            `  mot de passe : ${first.password}   (à usage unique : un nouveau vous sera demandé / one-time)`,
            '  Each start prints a new one until this account has signed in. Other people: `registre users create`.',
            '',
          ].join('\n'),
        );
      }
      if (!config.auth.enabled)
        io.err('WARNING: REGISTRE_AUTH=disabled — the API accepts every request as an admin. Development only.');
      else io.out('Every /api route needs an API key: `registre keys create --name me --role admin --org "*"`.');
    });

  return program;
}

const PERIOD_SUFFIXES: Record<string, PeriodUnit> = {
  h: 'hours',
  d: 'calendar-days',
  wd: 'working-days',
  bd: 'business-days',
  w: 'weeks',
  m: 'months',
  y: 'years',
};

function parsePeriod(text: string): { value: number; unit: PeriodUnit } {
  const m = /^(\d{1,6})(h|d|wd|bd|w|m|y)$/.exec(text.trim());
  if (!m) throw new UsageError(`--add must look like 72h, 30d, 8wd, 6bd, 2w, 3m or 1y, not "${text}"`);
  return { value: Number(m[1]), unit: PERIOD_SUFFIXES[m[2]] };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not "${value}"`);
  return port;
}

/** Runs the CLI and returns its exit code (the process exits with it in main.ts). */
export async function run(argv: string[], io: Io = stdio, options: CliOptions = {}): Promise<number> {
  const program = buildProgram(io, options);
  if (argv.length <= 2) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.help' ||
      error.code === 'commander.version'
    ) {
      return EXIT.ok;
    }
    return EXIT.usage;
  }
  if (error instanceof ExitSignal) return error.code;
  const say = (text: string) => io.err(terminalSafe(text));
  if (error instanceof UsageError) {
    say(`error: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    say('error (invalid_configuration): a setting of the environment is not valid; nothing was done');
    for (const p of error.problems) say(`  ${p.variable}: ${p.problem}`);
    return EXIT.failure;
  }
  error = databaseProblem(error) ?? error;
  if (error instanceof DomainError) {
    say(`error (${error.code}): ${error.message}`);
    for (const d of error.details) say(`  ${d.field || '(root)'}: ${d.problem}`);
    return EXIT.failure;
  }
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failure;
}
