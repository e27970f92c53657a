import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, launch, Page } from 'puppeteer-core';
import { loadConfig } from '../src/config/config';
import { LAUNCH_ARGS } from '../src/documents/pdf-renderer';
import { ROOT } from './helpers';
import { PASSWORD, startWeb, WebApp } from './web-helpers';

/**
 * The DPO's workspace driven through Chromium, as people use it: at 1280 px and at phone width, in
 * French (and English once), with axe-core run on every page visited. Set REGISTRE_SCREENSHOTS=1 to
 * write the screenshots of docs/ui.md.
 */
const SHOTS = process.env.REGISTRE_SCREENSHOTS ? join(ROOT, 'docs', 'ui') : undefined;
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };

describe("the DPO's workspace in a real browser", () => {
  let web: WebApp;
  let browser: Browser;
  let downloads: string;
  /** Requests to anything but this application, and CSP refusals: both must stay empty. */
  const elsewhere: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    web = await startWeb({ seeds: ['desmos', 'omnidoc'] });
    await web.person('dpo@clinique.fr', [['desmos', 'editor']], 'Claire Martin');
    await web.person('lecteur@clinique.fr', [['desmos', 'viewer']], 'Paul Lecteur');
    await web.person('oublie@clinique.fr', [['desmos', 'viewer']], 'Oublieux');
    browser = await launch({
      executablePath: loadConfig().render.executablePath,
      headless: true,
      // Nothing resolves but loopback: a page that tried to fetch elsewhere would fail and be seen.
      args: [...LAUNCH_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    downloads = mkdtempSync(join(tmpdir(), 'registre-downloads-'));
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(elsewhere).toEqual([]);
    expect(refused).toEqual([]);
  });

  async function newPage(viewport = DESKTOP, options: { javascript?: boolean } = {}): Promise<Page> {
    const context = await browser.createBrowserContext();
    const session = await browser.target().createCDPSession();
    await session.send('Browser.setDownloadBehavior', {
      behavior: 'allow',
      downloadPath: downloads,
      browserContextId: context.id,
    });
    const page = await context.newPage();
    await page.setViewport(viewport);
    await page.setJavaScriptEnabled(options.javascript ?? true);
    page.on('request', (r) => {
      if (!r.url().startsWith(web.base) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) refused.push(m.text());
    });
    return page;
  }

  /** axe-core on the page as it is (injected through the DevTools protocol: the page's CSP stays on). */
  async function check(page: Page, shot?: string): Promise<void> {
    await page.evaluate(AXE);
    const result = await page.evaluate(() =>
      (window as unknown as { axe: { run: (d: Document) => Promise<AxeResult> } }).axe.run(document),
    );
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect({ page: page.url(), serious }).toEqual({ page: page.url(), serious: [] });
    if (SHOTS && shot) {
      const viewport = page.viewport()!;
      for (const [name, size] of [
        ['1280', DESKTOP],
        ['390', PHONE],
      ] as const) {
        await page.setViewport(size);
        await page.screenshot({ path: join(SHOTS, `${shot}-${name}.png`) });
      }
      await page.setViewport(viewport);
    }
  }

  async function go(page: Page, path: string): Promise<void> {
    const res = await page.goto(`${web.base}${path}`, { waitUntil: 'load' });
    expect([path, res?.status()]).toEqual([path, 200]);
  }

  async function submit(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  }

  async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
    await page.goto(`${web.base}/login`, { waitUntil: 'load' });
    await page.type('#email', email);
    await page.type('#password', password);
    await submit(page, 'form[action="/login"] button[type=submit]');
  }

  const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

  it('refuses a wrong password, locks after repeated failures, and signs in', async () => {
    const page = await newPage();
    await signIn(page, 'dpo@clinique.fr', 'pas le bon');
    expect(await text(page, '.error-summary')).toContain('le mot de passe est incorrect');
    expect(await page.$eval('#email', (e) => (e as HTMLInputElement).value)).toBe('dpo@clinique.fr');
    await check(page, 'login');
    for (let i = 0; i < 5; i++) await signIn(page, 'oublie@clinique.fr', `essai ${i}`);
    await signIn(page, 'oublie@clinique.fr');
    expect(await text(page, '.error-summary')).toContain('verrouillé');
    expect(page.url()).toBe(`${web.base}/login`);
    await signIn(page, 'dpo@clinique.fr');
    expect(page.url()).toBe(`${web.base}/`);
    expect(await text(page, 'main h2 a')).toBe('Orisha Healthcare France');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await check(page, 'home');
  });

  it('finds what is wrong with the Desmos register and fixes one finding, at phone width, without reading any documentation', async () => {
    const page = await newPage(PHONE);
    await signIn(page, 'dpo@clinique.fr');
    await submit(page, 'main h2 a');
    expect(await text(page, 'h1')).toBe('Tableau de bord');
    await check(page, 'dashboard');
    // The section menu of a phone: a link that opens it (no JavaScript needed).
    await page.click('a.menu-toggle');
    await submit(page, '#org-nav a[href="/o/desmos/findings"]');
    await check(page, 'findings');
    const before = await text(page, '.page-head .meta');
    const fix = await page.$$eval('li.finding', (items) =>
      items
        .filter((li) =>
          (li as HTMLElement).innerText.includes(
            '« Accès aux locaux » ne mentionne pas les catégories de destinataires',
          ),
        )
        .map((li) => li.querySelector<HTMLAnchorElement>('a.button')?.getAttribute('href')),
    );
    expect(fix).toEqual(['/o/desmos/register/t-acces-locaux/edit#f-recipients']);
    await submit(page, `a[href="${fix[0]}"]`);
    await page.select('#f-recipients-0-kind', 'internal');
    await page.type('#f-recipients-0-name', "Service d'accueil");
    await check(page);
    await submit(page, '#record-form .form-actions button[type=submit]');
    expect(await text(page, '.flash')).toBe('Traitement enregistré.');
    expect(await text(page, 'main')).toContain("Service d'accueil — Service interne");
    await go(page, '/o/desmos/findings');
    const after = await text(page, '.page-head .meta');
    expect(Number(/(\d+) erreur/.exec(after)![1])).toBe(Number(/(\d+) erreur/.exec(before)![1]) - 1);
    expect(await text(page, 'main')).not.toContain(
      '« Accès aux locaux » ne mentionne pas les catégories de destinataires',
    );
    // The change is in the audit trail under the person's name.
    await go(page, '/o/desmos/audit?key=t-acces-locaux');
    expect(await text(page, 'main')).toContain('Claire Martin (dpo@clinique.fr)');
  });

  it('creates a treatment with an invalid date, keeps what was typed, then saves it corrected', async () => {
    const page = await newPage();
    await signIn(page, 'dpo@clinique.fr');
    await go(page, '/o/desmos/register');
    await check(page, 'register');
    await submit(page, 'a[href="/o/desmos/register/new"]');
    await page.type('#f-name', 'Téléconsultation');
    await page.type('#f-dataCategories-0-label', 'Compte rendu de consultation');
    await page.select('#f-dataCategories-0-category', 'health');
    await submit(page, 'button[name=_add][value=transfers]');
    expect(await page.$eval('#f-name', (e) => (e as HTMLInputElement).value)).toBe('Téléconsultation');
    await page.select('#f-transfers-0-country', 'US');
    await page.type('#f-transfers-0-recipient', 'Visio Inc.');
    await page.select('#f-transfers-0-safeguard-kind', 'scc-2021');
    await page.type('#f-transfers-0-safeguard-signedOn', '31/02/2026');
    await submit(page, '#record-form .form-actions button[type=submit]');
    expect(await text(page, '.error-summary')).toContain("Transfert 1 — Signée le : n'est pas une date valide");
    expect(await text(page, '#f-transfers-0-safeguard-signedOn-error')).toContain('jj/mm/aaaa');
    const field = await page.$eval('#f-transfers-0-safeguard-signedOn', (e) => [
      (e as HTMLInputElement).value,
      e.getAttribute('aria-invalid'),
      e.getAttribute('aria-describedby'),
    ]);
    expect(field).toEqual([
      '31/02/2026',
      'true',
      'f-transfers-0-safeguard-signedOn-hint f-transfers-0-safeguard-signedOn-error',
    ]);
    expect(await page.$eval('#f-transfers-0-recipient', (e) => (e as HTMLInputElement).value)).toBe('Visio Inc.');
    await check(page, 'treatment-form-error');
    await page.$eval('#f-transfers-0-safeguard-signedOn', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#f-transfers-0-safeguard-signedOn', '28/02/2026');
    await submit(page, '#record-form .form-actions button[type=submit]');
    expect(page.url()).toBe(`${web.base}/o/desmos/register/t-teleconsultation`);
    expect(await text(page, 'main')).toMatch(
      /Visio Inc\. — États-Unis.* \(US\) — Clauses contractuelles types 2021\/914 \(28 février 2026\)/,
    );
    await check(page, 'treatment');
  });

  it('shows a finding on the new treatment, waives it with a reason and an end date, and re-evaluates after that date', async () => {
    const page = await newPage();
    await signIn(page, 'dpo@clinique.fr');
    const url = '/o/desmos/findings?rule=register.legal-basis-missing&q=t-teleconsultation';
    await go(page, url);
    expect(await text(page, '#results')).toContain(
      "Le traitement « Téléconsultation » n'a pas de base légale (art. 6).",
    );
    const id = await page.$eval('#results li.finding', (li) => li.id);
    await page.click(`#${id} details:last-of-type summary`);
    await page.type(`#${id}-f-reason`, "Base légale en cours d'analyse avec le service juridique");
    await page.$eval(`#${id}-f-until`, (e) => ((e as HTMLInputElement).value = ''));
    await page.type(`#${id}-f-until`, '31/03/2026');
    await check(page);
    await submit(page, `#${id} form[action$="/findings/waive"] button`);
    expect(await text(page, '.flash')).toContain('Dérogation enregistrée');
    await go(page, `${url}&status=waived`);
    expect(await text(page, `#${id}`)).toContain(
      "Base légale en cours d'analyse avec le service juridique — jusqu'au 31 mars 2026",
    );
    await check(page, 'findings-waived');
    await go(page, `${url}&asOf=01/04/2026`);
    expect(await text(page, '#results')).toContain("n'a pas de base légale");
    expect(await text(page, `#${id} .badge`)).toBe('Alerte');
  });

  it('records a breach and reads its notification timeline: due instants, time left, the Art. 33(3) checklist', async () => {
    const page = await newPage();
    await signIn(page, 'dpo@clinique.fr');
    await go(page, '/o/desmos/breaches');
    await submit(page, 'a[href="/o/desmos/breaches/new"]');
    await page.type('#f-title', 'Messagerie piratée');
    await page.select('#f-riskLevel', 'high');
    await page.type('#f-organisationAwareAt', '14/01/2026 09:00');
    await page.type('#f-nature', 'Accès non autorisé à une boîte de messagerie');
    await check(page);
    await submit(page, '#record-form .form-actions button[type=submit]');
    expect(await text(page, '.flash')).toContain('Messagerie piratée');
    const steps = await page.$$eval('#timeline ol.timeline > li', (lis) =>
      lis.map((li) => (li as HTMLElement).innerText),
    );
    expect(steps[0]).toContain('Orisha Healthcare France → CNIL');
    expect(steps[0]).toContain('17 janvier 2026 à 09:00 (72 h)');
    expect(steps[0]).toContain('reste 1 j 23 h');
    expect(steps[1]).toContain('Personnes concernées');
    const checklist = await text(page, 'section[aria-labelledby=checklist-title]');
    expect(checklist).toContain('✓ renseigné nature de la violation');
    expect(checklist).toContain('✗ manquant conséquences probables');
    await page.click('#notify summary');
    await page.select('#f-to', 'cnil');
    await page.type('#f-at', '15/01/2026 09:30');
    await page.type('#f-reference', 'CNIL-2026-0042');
    await submit(page, '#notify form button');
    expect(await text(page, '#timeline ol.timeline > li:first-child')).toContain('Fait dans les délais');
    await check(page, 'breach');
    await page.goto(`${web.base}${new URL(page.url()).pathname}?at=2026-01-20`, { waitUntil: 'load' });
    expect(await text(page, '#timeline')).toContain('Situation au 21 janvier 2026 à 00:00');
  });

  it('prepares the register PDF in the background, shows its progress, downloads it and reads it back', async () => {
    const page = await newPage();
    await signIn(page, 'dpo@clinique.fr');
    await go(page, '/o/desmos/documents');
    await check(page, 'documents');
    await submit(page, '#doc-register-controller ~ form button[type=submit]');
    expect(page.url()).toMatch(/\/o\/desmos\/documents\/jobs\/[0-9a-f-]{36}$/);
    await page.waitForSelector('#download', { timeout: 60_000 });
    await check(page, 'document-ready');
    await page.click('#download');
    const file = await waitForFile(downloads, /\.pdf$/);
    const content = execFileSync('pdftotext', ['-layout', join(downloads, file), '-'], { encoding: 'utf8' });
    expect(content).toContain('Registre des activités de traitement');
    expect(content).toContain('Orisha Healthcare France');
    expect(content).toContain('Téléconsultation');
    expect(content).toContain("Service d'accueil");
  });

  it('works with JavaScript off: the document page follows the job by itself', async () => {
    const page = await newPage(DESKTOP, { javascript: false });
    await signIn(page, 'dpo@clinique.fr');
    await go(page, '/o/desmos/documents');
    await submit(page, '#doc-compliance-report ~ form button[type=submit]');
    // Without JavaScript the page reloads itself (<noscript> refresh) until the document is ready.
    for (let i = 0; i < 60; i++) {
      const ready = await page.$('#download').catch(() => null);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(await text(page, '#job')).toContain('Le document est prêt.');
    expect(await page.evaluate(() => document.querySelector('noscript')?.innerHTML ?? '')).toBe('');
  });

  it('shows a viewer no edit control, refuses their forged POST and a POST without the CSRF token, and hides other organisations (404)', async () => {
    const page = await newPage(PHONE);
    await signIn(page, 'lecteur@clinique.fr');
    await go(page, '/o/desmos/register');
    expect(await page.$('a[href="/o/desmos/register/new"]')).toBeNull();
    await go(page, '/o/desmos/register/t-acces-locaux');
    expect(await page.$$eval('main a, main button', (els) => els.map((e) => e.textContent?.trim()))).not.toEqual(
      expect.arrayContaining(['Modifier', 'Supprimer']),
    );
    await go(page, '/o/desmos/findings');
    expect(await page.$('a.button[href*="/edit"]')).toBeNull();
    await check(page, 'findings-viewer');
    const forged = await page.evaluate(async () => {
      const csrf = document.querySelector<HTMLInputElement>('input[name=_csrf]')!.value;
      const body = new URLSearchParams({ _csrf: csrf, name: 'Traitement forgé', role: 'controller' });
      const withToken = await fetch('/o/desmos/register/new', { method: 'POST', body, redirect: 'manual' });
      const withoutToken = await fetch('/o/desmos/register/new', {
        method: 'POST',
        body: new URLSearchParams({ name: 'Sans jeton', role: 'controller' }),
        redirect: 'manual',
      });
      return [withToken.status, withoutToken.status, (await withoutToken.text()).includes('jeton CSRF')];
    });
    expect(forged).toEqual([403, 403, true]);
    const other = await page.goto(`${web.base}/o/omnidoc`, { waitUntil: 'load' });
    expect(other?.status()).toBe(404);
    expect(await text(page, 'h1')).toBe('Page introuvable');
    await check(page);
    const none = await page.goto(`${web.base}/o/no-such-organisation/register`, { waitUntil: 'load' });
    expect(none?.status()).toBe(404);
  });

  it('draws the subcontractors, their certificates on a time axis and the chain, and speaks English on request', async () => {
    const page = await newPage();
    await signIn(page, 'dpo@clinique.fr');
    await go(page, '/o/desmos/subcontractors/claranet');
    expect(await page.$$eval('svg rect.bar-valid, svg rect.bar-expiring', (r) => r.length)).toBeGreaterThan(0);
    await check(page, 'subcontractor');
    await go(page, '/o/desmos/chain');
    expect(await page.$$eval('svg a.svg-link', (a) => a.length)).toBe(12);
    expect(await text(page, 'main')).toContain('AWS — ISO/IEC 27001 expiré (31/10/2025)');
    await check(page, 'chain');
    await go(page, '/o/desmos?asOf=15/11/2026');
    expect(await text(page, '#deadlines-title + p + .figure + ol.timeline')).toContain(
      'Fin de validité : ISO/IEC 27001 Claranet',
    );
    await check(page, 'dashboard-ahead');
    await go(page, '/o/desmos/audit');
    await check(page, 'audit');
    await submit(page, 'a[hreflang=en]');
    expect(await text(page, 'h1')).toBe('Audit log');
    await go(page, '/o/desmos?asOf=2026-12-01');
    expect(await text(page, 'main')).toContain('11 January 2027');
    await check(page);
    await submit(page, 'a[hreflang=fr]');
  });
});

async function waitForFile(dir: string, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const file = readdirSync(dir).find((f) => pattern.test(f) && !f.endsWith('.crdownload'));
    if (file) return file;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no file matching ${pattern} in ${dir}`);
}
