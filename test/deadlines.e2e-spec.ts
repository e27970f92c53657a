import ICAL from 'ical.js';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { components } from './generated/api';
import { cli, SEEDS, startApi, TestApi, tempDatabase } from './helpers';
import { typedApi, TypedApi } from './typed-api';

/**
 * A breach discovered by a sub-processor (Equinix, engaged by Cloud Santé) on the Friday evening before
 * the Whit Monday weekend of 2026: hours run continuously through the weekend and the holiday.
 */
const BREACH: components['schemas']['CreateBreachDto'] = {
  key: 'intrusion-pa2',
  title: 'Intrusion dans le datacenter PA2',
  nature: 'Accès physique non autorisé à une baie',
  riskLevel: 'high',
  discoveredBy: 'equinix',
  providerAwareness: [
    { subcontractor: 'equinix', at: '2026-05-22T19:00:00+02:00' },
    { subcontractor: 'cloud-sante', at: '2026-05-22T21:30:00+02:00' },
  ],
  treatments: ['t-application-hebergee'],
  notifications: [
    { from: 'equinix', to: 'cloud-sante', at: '2026-05-22T21:30:00+02:00' },
    { from: 'cloud-sante', to: 'organisation', at: '2026-05-26T10:00:00+02:00' },
  ],
};

type Step = components['schemas']['TimelineStepDto'];

describe('deadlines: breach timelines, objection windows, calendar (HTTP)', () => {
  let api: TestApi;
  let http: TypedApi;
  const slug = 'levy-nadlan';
  const tmp = tempDatabase();
  const timeline = async (asOf: string) =>
    (
      await http.get('/api/organisations/{slug}/breaches/{key}/timeline', {
        path: { slug, key: 'intrusion-pa2' },
        query: { asOf },
        expect: 200,
      })
    ).body;
  const window = async (key: string, asOf: string) =>
    (
      await http.get('/api/organisations/{slug}/subprocessor-changes/{key}/window', {
        path: { slug, key },
        query: { asOf },
        expect: 200,
      })
    ).body;

  beforeAll(async () => {
    api = await startApi();
    http = typedApi(api.http);
    const bundle = JSON.parse(
      readFileSync(join(SEEDS, 'levy-nadlan.json'), 'utf8'),
    ) as components['schemas']['BundleDto'];
    await http.post('/api/import', { body: bundle, expect: 201 });
    await http.post('/api/organisations/{slug}/breaches', { path: { slug }, body: BREACH, expect: 201 });
  });
  afterAll(async () => {
    await api.close();
    tmp.cleanup();
  });

  it('derives the chain from the engagements and gives each party its due instant, hours continuous', async () => {
    const { steps } = await timeline('2026-05-24T12:00:00+02:00');
    expect(steps.map((s) => `${s.from.key}>${s.to.key}`)).toEqual([
      'equinix>cloud-sante',
      'cloud-sante>organisation',
      'organisation>cnil',
      'organisation>data-subjects',
    ]);
    // Equinix's contract sets no hours: "without undue delay", done.
    expect(steps[0]).toMatchObject({ due: null, status: 'done' });
    // Cloud Santé: 72 h (art. 19.9) from 21:30 Friday → 21:30 Monday (Whit Monday), through the weekend.
    expect(steps[1]).toMatchObject({
      clockStartsAt: '2026-05-22T21:30:00+02:00',
      due: '2026-05-25T21:30:00+02:00',
      status: 'pending',
    });
    // The organisation is not aware yet: its 72 h have not started.
    expect(steps[2]).toMatchObject({ clockStartsAt: null, due: null, status: 'waiting' });
  });

  it('flags what is late: Cloud Santé notified after its 72 h, the CNIL step overdue', async () => {
    const { steps, summary } = await timeline('2026-05-30');
    expect(steps[1]).toMatchObject({ notifiedAt: '2026-05-26T10:00:00+02:00', status: 'done-late' });
    expect(steps[2]).toMatchObject({
      clockStartsAt: '2026-05-26T10:00:00+02:00',
      due: '2026-05-29T10:00:00+02:00',
      status: 'overdue',
    });
    expect(steps[3].status).toBe('pending');
    expect(summary).toMatchObject({ overdue: 1, late: 1 });
    const findings = (await api.http().get('/api/organisations/levy-nadlan/findings?asOf=2026-05-30').expect(200))
      .body as {
      findings: { id: string; severity: string }[];
    };
    const late = findings.findings.filter((f) => f.id.startsWith('breach.notification-late:'));
    expect(late.map((f) => [f.id, f.severity])).toEqual([
      ['breach.notification-late:breach:intrusion-pa2:cloud-sante>organisation', 'error'],
      ['breach.notification-late:breach:intrusion-pa2:organisation>cnil', 'error'],
    ]);
  });

  it('renders the breach report: the timeline of every party, as a PDF', async () => {
    const res = await api
      .http()
      .get('/api/organisations/levy-nadlan/breaches/intrusion-pa2/report.pdf?asOf=2026-05-30')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const file = join(tmp.dir, 'breach.pdf');
    writeFileSync(file, res.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Rapport de violation de données');
    expect(text).toContain('Intrusion dans le datacenter PA2');
    expect(text).toContain('Fait en retard');
    expect(text).toContain('En retard');
    expect(text).toContain('29 mai 2026, 10:00 (UTC+02:00)');
    expect(text).toContain('CNIL');
    await api.http().get('/api/organisations/levy-nadlan/breaches/nope/report.pdf').expect(404);
  });

  it('asks for the reasons of a late CNIL notification, and the Art. 33(3) content', async () => {
    await api
      .http()
      .patch('/api/organisations/levy-nadlan/breaches/intrusion-pa2')
      .send({
        notifications: [
          ...(BREACH.notifications ?? []),
          { from: 'organisation', to: 'cnil', at: '2026-05-30T09:00:00+02:00' },
        ],
      })
      .expect(200);
    const report = async () =>
      (
        (await api.http().get('/api/organisations/levy-nadlan/findings?asOf=2026-05-31').expect(200)).body as {
          findings: { id: string; severity: string; message: string; evidence: { missing?: string[] } }[];
        }
      ).findings;
    let findings = await report();
    const cnil = findings.find((f) => f.id.endsWith('organisation>cnil'));
    expect(cnil).toMatchObject({ severity: 'error' });
    expect(cnil?.message).toContain('les motifs du retard manquent');
    const content = findings.find((f) => f.id === 'breach.content-incomplete:breach:intrusion-pa2');
    expect(content?.severity).toBe('error');
    expect(content?.evidence.missing).toEqual(
      expect.arrayContaining([
        'dataCategories',
        'subjectCategories',
        'approxSubjects',
        'approxRecords',
        'dpo',
        'consequences',
        'measures',
      ]),
    );
    await api
      .http()
      .patch('/api/organisations/levy-nadlan/breaches/intrusion-pa2')
      .send({ delayReasons: 'Information reçue du sous-traitant le mardi après le week-end de Pentecôte' })
      .expect(200);
    findings = await report();
    expect(findings.find((f) => f.id.endsWith('organisation>cnil'))?.severity).toBe('warning');
  });

  it('computes objection windows per the contract, with the next-working-day rule when it applies', async () => {
    await api
      .http()
      .post('/api/organisations/levy-nadlan/engagements')
      .send({
        key: 'host-b',
        provider: 'cloud-sante',
        objectionWindowDays: 30,
        deadlines: [
          {
            kind: 'objection-window',
            period: { value: 30, unit: 'calendar-days' },
            nextWorkingDay: true,
            description: '30 jours',
          },
        ],
      })
      .expect(201);
    // Received Tuesday 2026-06-16: day 30 is Thursday 16 July → no move.
    await api
      .http()
      .post('/api/organisations/levy-nadlan/subprocessor-changes')
      .send({
        key: 'ch-1',
        engagement: 'host-b',
        subprocessor: 'equinix',
        kind: 'addition',
        noticeReceivedAt: '2026-06-16T10:00:00+02:00',
        plannedEffectiveOn: '2026-07-10',
      })
      .expect(201);
    // Received Friday 2026-06-12: day 30 is Sunday 12 July → Monday 13 July.
    await api
      .http()
      .post('/api/organisations/levy-nadlan/subprocessor-changes')
      .send({
        key: 'ch-2',
        engagement: 'host-b',
        subprocessor: 'equinix',
        kind: 'addition',
        noticeReceivedAt: '2026-06-12T10:00:00+02:00',
      })
      .expect(201);
    const w1 = await window('ch-1', '2026-07-01');
    expect(w1).toMatchObject({ windowEndsOn: '2026-07-16', status: 'open', daysLeft: 15 });
    const w2 = await window('ch-2', '2026-07-14');
    expect(w2).toMatchObject({ windowEndsOn: '2026-07-13', status: 'closed', due: '2026-07-14T00:00:00+02:00' });
    // ch-1 takes effect before its window closes: the rule says so.
    const findings = (await api.http().get('/api/organisations/levy-nadlan/findings?asOf=2026-07-01').expect(200))
      .body as {
      findings: { id: string; severity: string }[];
    };
    expect(findings.findings).toContainEqual(
      expect.objectContaining({ id: 'subprocessor.objection-window:subprocessor-change:ch-1', severity: 'error' }),
    );
    await api
      .http()
      .patch('/api/organisations/levy-nadlan/subprocessor-changes/ch-1')
      .send({ objection: { at: '2026-07-02T09:00:00+02:00', reason: 'pas de certificat HDS' } })
      .expect(200);
    const objected = await window('ch-1', '2026-07-03');
    expect(objected.status).toBe('objected');
  });

  it("lists an engagement's deadlines from the contract, and the law's defaults where it is silent", async () => {
    const hosting = { slug, key: 'cloud-sante-hebergement' };
    const list = (
      await http.get('/api/organisations/{slug}/engagements/{key}/deadlines', { path: hosting, expect: 200 })
    ).body;
    expect(list).toContainEqual(
      expect.objectContaining({ kind: 'breach-notice', origin: 'contract', period: { value: 72, unit: 'hours' } }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({
        kind: 'data-return',
        origin: 'contract',
        period: { value: 8, unit: 'calendar-days' },
        nextWorkingDay: true,
      }),
    );
    const defaults = list.filter((d) => d.origin === 'law').map((d) => d.kind);
    expect(defaults).not.toContain('breach-notice');
    expect(defaults).toContain('audit-notice');
    await http.get('/api/organisations/{slug}/engagements/{key}/deadlines', {
      path: { slug, key: 'nope' },
      expect: 404,
    });
  });

  it('publishes a valid RFC 5545 calendar with stable UIDs', async () => {
    // The contract is unsigned in the seed; suppose it took effect on 1 Sept 2024 (36 months, 6 months' notice).
    const path = { slug, key: 'cloud-sante-hebergement' };
    const hosting = (await http.get('/api/organisations/{slug}/engagements/{key}', { path, expect: 200 })).body;
    await http.patch('/api/organisations/{slug}/engagements/{key}', {
      path,
      body: { term: { ...hosting.term, startsOn: '2024-09-01' } },
      expect: 200,
    });
    const fetch = async () =>
      (
        await http.get('/api/organisations/{slug}/calendar.ics', {
          path: { slug },
          query: { asOf: '2026-05-28' },
          expect: 200,
        })
      ).raw.text;
    const text = await fetch();
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const agrement = byUid.get('certificate-expiry-cloud-sante-agrement-renouvellement-2018@levy-nadlan.registre');
    expect(agrement?.startDate.toString()).toBe('2021-03-14');
    expect(agrement?.startDate.isDate).toBe(true);
    const window = byUid.get('objection-window-ch-2@levy-nadlan.registre');
    expect(window?.startDate.toString()).toBe('2026-07-13');
    const dataSubjects = [...byUid.keys()].find((u) => u.startsWith('breach-intrusion-pa2-organisation-data-subjects'));
    expect(dataSubjects).toBeUndefined(); // no due instant: "without undue delay"
    expect(byUid.get('contract-end-cloud-sante-hebergement@levy-nadlan.registre')?.startDate.toString()).toBe(
      '2027-09-01',
    );
    expect(byUid.get('termination-notice-cloud-sante-hebergement@levy-nadlan.registre')?.startDate.toString()).toBe(
      '2027-03-01',
    );
    // On 28 May the CNIL step is still open (notified on the 30th): its due instant is a timed event.
    const cnil = byUid.get('breach-intrusion-pa2-organisation-cnil@levy-nadlan.registre');
    expect(cnil?.startDate.toJSDate().toISOString()).toBe('2026-05-29T08:00:00.000Z');
    const again = new ICAL.Component(ICAL.parse(await fetch()));
    expect(
      again
        .getAllSubcomponents('vevent')
        .map((v) => new ICAL.Event(v).uid)
        .sort(),
    ).toEqual([...byUid.keys()].sort());
  });
});

describe('registre breach timeline and registre deadline (CLI)', () => {
  const db = tempDatabase();
  beforeAll(() => {
    expect(cli(['seed'], db.path).code).toBe(0);
    const bundle = JSON.parse(cli(['export', '--org', 'levy-nadlan'], db.path).stdout) as { breaches: unknown[] };
    bundle.breaches = [BREACH];
    const file = join(db.dir, 'levy.json');
    writeFileSync(file, JSON.stringify(bundle));
    expect(cli(['import', file, '--replace'], db.path).code).toBe(0);
  });
  afterAll(() => db.cleanup());

  it('prints the timeline, exits 1 when a step is late or overdue, 0 otherwise', () => {
    const early = cli(
      ['breach', 'timeline', '--org', 'levy-nadlan', '--id', 'intrusion-pa2', '--as-of', '2026-05-23T08:00:00+02:00'],
      db.path,
    );
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('Cloud Santé → L.LEVY NADLAN LTD  [pending]');
    const late = cli(
      ['breach', 'timeline', '--org', 'levy-nadlan', '--id', 'intrusion-pa2', '--as-of', '2026-05-30', '--json'],
      db.path,
    );
    expect(late.code).toBe(1);
    const steps = (JSON.parse(late.stdout) as { steps: Step[] }).steps;
    expect(steps.map((s) => s.status)).toEqual(['done', 'done-late', 'overdue', 'pending']);
    expect(cli(['breach', 'timeline', '--org', 'levy-nadlan', '--id', 'nope'], db.path).code).toBe(1);
    expect(
      cli(['breach', 'timeline', '--org', 'levy-nadlan', '--id', 'intrusion-pa2', '--as-of', 'demain'], db.path).code,
    ).toBe(2);
  });

  it('does quick legal arithmetic', () => {
    const hours = cli(['deadline', '--from', '2026-05-22T19:00:00+02:00', '--add', '72h', '--json'], db.path);
    expect(JSON.parse(hours.stdout)).toMatchObject({ due: '2026-05-25T19:00:00+02:00' });
    const days = cli(
      ['deadline', '--from', '2026-05-22T19:00:00+02:00', '--add', '15d', '--next-working-day', '--json'],
      db.path,
    );
    expect(JSON.parse(days.stdout)).toMatchObject({ dueDate: '2026-06-08', due: '2026-06-09T00:00:00+02:00' });
    const working = cli(['deadline', '--from', '2026-05-07T09:00:00+02:00', '--add', '8wd'], db.path);
    expect(working.stdout.split('\n')[0]).toBe('2026-05-22T00:00:00+02:00');
    expect(cli(['deadline', '--from', '2026-05-07', '--add', '8wd'], db.path).code).toBe(2);
    expect(cli(['deadline', '--from', '2026-05-07T09:00:00+02:00', '--add', '8 jours'], db.path).code).toBe(2);
  });
});
