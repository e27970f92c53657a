import { certificateKind } from '../reference/reference-data';
import type { Evaluation } from '../compliance/engine';
import { groupByRule } from '../compliance/groups';
import type { Lang } from '../compliance/finding';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import type { Certificate, ComplianceSnapshot, Engagement, Treatment } from '../snapshot/snapshot';
import { countryName, isEea } from '../reference/countries';
import { hdsActivity, HdsActivityCode, sortHdsActivities } from '../reference/hds-activities';
import { adequacyOn, cnilDpiaItem, dpiaCriterion } from '../reference/reference-data';

import type { DocumentKind, Labels } from './templates';
import type { Timeline } from '../deadlines/breach-timeline';

/**
 * View models: plain objects holding every field a template reads (null when empty), so that
 * templates compile in strict mode and hold no logic beyond loops and conditions.
 */

/** Fingerprints of snapshots and of import plans are made the same way, in common. */
export { canonicalJson, fingerprint } from '../common/canonical-json';

interface Context {
  snapshot: ComplianceSnapshot;
  rules: SnapshotIndex;
  lang: Lang;
  labels: Labels;
}

type Contact = { name?: string; role?: string; email?: string; phone?: string; address?: string } | undefined;

function contact(c: Contact) {
  if (!c || !(c.name || c.email || c.phone || c.address)) return null;
  return {
    name: c.name ?? null,
    role: c.role ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    address: c.address ?? null,
  };
}

const label = (x: Context, key: string) => x.labels[key] ?? key;
const country = (x: Context, code: string) => `${countryName(code, x.lang)} (${code})`;
const activity = (x: Context, code: HdsActivityCode) =>
  `${x.lang === 'fr' ? 'n°' : 'no.'} ${hdsActivity(code).number} ${hdsActivity(code).short[x.lang]}`;
const activities = (x: Context, codes: readonly HdsActivityCode[] | undefined) =>
  sortHdsActivities(codes ?? []).map((c) => activity(x, c));
const source = (s: { document: string; section?: string } | undefined) =>
  s ? [s.document, s.section].filter(Boolean).join(' — ') : null;

function measures(list: readonly { category?: string; title: string; description?: string }[] | undefined) {
  return (list ?? []).map((m) => ({
    category: m.category ?? null,
    title: m.title,
    description: m.description ?? null,
  }));
}

type Safeguard = NonNullable<Engagement['transferSafeguards']>[number];

function oneSafeguard(x: Context, s: Safeguard): string {
  const tia = s.tia ? `${label(x, 'tia')} ${s.tia.assessedOn} (${label(x, `tia.${s.tia.conclusion}`)})` : null;
  const where = s.countries?.length ? s.countries.join(', ') : null;
  return [label(x, `safeguard.${s.kind}`), s.sccModule, where, s.details, tia].filter(Boolean).join(' — ');
}

/** The safeguards an engagement states (those covering `code` when a country is given). */
function safeguardLabel(x: Context, e: Engagement, code?: string): string | null {
  const provider = x.rules.subcontractor(e.provider);
  if (code && adequacyOn(code, x.snapshot.asOf)?.scope === 'full') return label(x, 'safeguard.adequacy');
  if (code === 'US' && provider?.dpfCertified) return label(x, 'safeguard.dpf');
  const list = (e.transferSafeguards ?? []).filter((s) => !code || !s.countries?.length || s.countries.includes(code));
  return list.length ? list.map((s) => oneSafeguard(x, s)).join(' ; ') : null;
}

function accessLabel(x: Context, e: Engagement): string | null {
  if (e.accessWorldwide) {
    const except = (e.accessExceptCountries ?? []).map((c) => country(x, c));
    return except.length ? `${label(x, 'accessWorldwideExcept')} ${except.join(', ')}` : label(x, 'accessWorldwide');
  }
  const list = (e.accessCountries ?? []).map((c) => country(x, c));
  return list.length ? list.join(', ') : null;
}

function subcontractorView(x: Context, e: Engagement) {
  const s = x.rules.subcontractor(e.provider);
  const countries = (e.processingCountries ?? []).map((c) => country(x, c));
  const locations = countries.length ? countries.join(', ') : e.processingArea ? label(x, e.processingArea) : null;
  const cover = e.coveredByCertificate ? x.rules.certificate(e.coveredByCertificate) : undefined;
  const dpa = [
    e.dpaReference,
    e.dpaVersion,
    e.dpaVersionDate,
    e.dpaSignedOn ? `${label(x, 'signedOn')} ${e.dpaSignedOn}` : null,
  ]
    .filter(Boolean)
    .join(' — ');
  return {
    name: s?.name ?? e.provider,
    legalName: s?.legalName ?? null,
    via: e.client ? x.rules.subcontractorName(e.client) : null,
    services: [...(e.services ?? [])],
    hdsActivities: activities(x, e.hdsActivities),
    serviceScopes: (e.serviceScopes ?? []).map((scope) => ({
      service: scope.service,
      hdsActivities: activities(x, scope.hdsActivities),
      noHealthData: scope.healthData === false,
    })),
    coveredBy: cover
      ? `${x.rules.holderName(cover)} ${certificateKind(cover.kind).short}${cover.number ? ` ${cover.number}` : ''}`
      : null,
    locations,
    access: accessLabel(x, e),
    safeguard: safeguardLabel(x, e),
    dpa: dpa || null,
    listedOn: e.listedOn ?? null,
    guarantees: (s?.guarantees ?? []).map((g) => g.text),
  };
}

function transfersOf(x: Context, t: Treatment, chain: readonly Engagement[]) {
  const out: { recipient: string; country: string; safeguard: string | null }[] = [];
  for (const e of chain) {
    const codes = new Set([...(e.processingCountries ?? []), ...(e.accessCountries ?? [])]);
    for (const code of codes) {
      if (isEea(code)) continue;
      out.push({
        recipient: x.rules.subcontractorName(e.provider),
        country: country(x, code),
        safeguard: safeguardLabel(x, e, code),
      });
    }
    if (e.accessWorldwide) {
      const worldwide = (e.transferSafeguards ?? []).filter((s) => !s.countries?.length);
      out.push({
        recipient: x.rules.subcontractorName(e.provider),
        country: accessLabel(x, e) ?? label(x, 'accessWorldwide'),
        safeguard: worldwide.length ? worldwide.map((s) => oneSafeguard(x, s)).join(' ; ') : null,
      });
    }
  }
  for (const d of t.transfers ?? []) {
    if (isEea(d.country)) continue;
    const safeguard = d.safeguard ? label(x, `safeguard.${d.safeguard.kind}`) : null;
    out.push({ recipient: d.recipient, country: country(x, d.country), safeguard });
  }
  return out;
}

function treatmentView(x: Context, t: Treatment) {
  const chain = x.rules.treatmentChain(t);
  const special = (t.dataCategories ?? []).some((c) => c.article9 || c.health || c.category === 'health');
  return {
    key: t.key,
    name: t.name,
    description: t.description ?? null,
    statusLabel: label(x, `status.${t.status ?? 'active'}`),
    roleLabel: label(x, `role.${t.role}`),
    controllers: (t.controllers ?? []).map((c) => ({ name: c.name, description: c.description ?? null })),
    jointControllers: (t.jointControllers ?? []).map((c) => ({ name: c.name })),
    purposesLabel: label(x, t.role === 'processor' ? 'categoriesOfProcessing' : 'purposes'),
    purposes: [...(t.purposes ?? [])],
    showLegalBasis: t.role !== 'processor',
    legalBasis: (t.legalBasis?.article6 ?? []).map((b) => label(x, `basis.${b}`)),
    legalBasisDetails: t.legalBasis?.details ?? null,
    hasSpecialData: special,
    article9: [...(t.legalBasis?.article9 ?? [])],
    dataSubjects: [...(t.dataSubjects ?? [])],
    retention: t.retention ?? null,
    categoryLabels: [...new Set((t.dataCategories ?? []).map((c) => label(x, `cat.${c.category}`)))],
    dataCategories: (t.dataCategories ?? []).map((c) => ({
      categoryLabel: label(x, `cat.${c.category}`),
      label: c.label,
      health: Boolean(c.health || c.category === 'health'),
      nir: Boolean(c.nir || c.category === 'nir'),
      article9: Boolean(c.article9),
      retention: c.retention ?? null,
    })),
    recipients: (t.recipients ?? []).map((r) => ({
      kind: label(x, `recipient.${r.kind}`),
      name: r.name,
      country: r.country ? country(x, r.country) : null,
    })),
    subcontractors: chain.map((e) => subcontractorView(x, e)),
    transfers: transfersOf(x, t, chain),
    securityMeasures: measures(t.securityMeasures),
    dpia: dpiaView(x, t),
    source: source(t.source),
  };
}

/** A treatment on one line of the register table: the sheet's facts, each cell short. */
function tableRowView(x: Context, t: Treatment) {
  const sheet = treatmentView(x, t);
  const flags = [
    sheet.dataCategories.some((c) => c.health) ? label(x, 'health') : null,
    sheet.dataCategories.some((c) => c.nir) ? label(x, 'nir') : null,
    sheet.dataCategories.some((c) => c.article9) || sheet.article9.length ? label(x, 'sensitive') : null,
  ].filter((f): f is string => f !== null);
  const retention = [
    ...(sheet.retention ? [sheet.retention] : []),
    ...sheet.dataCategories
      .filter((c) => c.retention)
      .map((c) => `${c.label}${x.lang === 'fr' ? ' : ' : ': '}${c.retention}`),
  ];
  return {
    ...sheet,
    special: flags,
    retentions: retention,
    subcontractorNames: [...new Set(sheet.subcontractors.map((s) => s.name))],
    transferLines: sheet.transfers.map(
      (tr) => `${tr.recipient} — ${tr.country} — ${tr.safeguard ?? label(x, 'notStated')}`,
    ),
    measureTitles: sheet.securityMeasures.map((m) => m.title),
  };
}

function dpiaView(x: Context, t: Treatment) {
  const d = t.dpia;
  if (!d) return null;
  return {
    status: d.status ? label(x, `dpia.${d.status}`) : null,
    criteria: (d.criteria ?? []).map((c) => dpiaCriterion(c)?.[x.lang] ?? c),
    cnilList: (d.cnilList ?? []).map((c) => cnilDpiaItem(c)?.[x.lang] ?? c),
    cnilListDetails: d.cnilListDetails ?? null,
    reason: d.reason ?? null,
    doneOn: d.doneOn ?? null,
    reviewOn: d.reviewOn ?? null,
    reference: d.reference ?? null,
  };
}

/** A certificate as a DPO reads it: what it prints, and where it stands on the day of the document. */
function certificateView(x: Context, c: Certificate) {
  const end = x.rules.certificateEnd(c);
  const asOf = x.snapshot.asOf;
  const status = !end.date
    ? 'unknown'
    : c.validFrom && c.validFrom > asOf
      ? 'not-started'
      : asOf <= end.date
        ? 'valid'
        : end.source === 'edition-withdrawn'
          ? 'withdrawn'
          : 'expired';
  return {
    holder: x.rules.holderName(c),
    kind: c.kind === 'hds-agrement' ? certificateKind(c.kind)[x.lang] : certificateKind(c.kind).short,
    edition: c.edition ?? (c.hdsReferential ? `référentiel ${c.hdsReferential}` : null),
    number: c.number ?? null,
    issuer: c.issuer ?? null,
    certifiedEntity: c.certifiedEntity ?? null,
    validFrom: c.validFrom ?? null,
    validTo: c.validTo ?? null,
    // The day it actually ends when that is not what it prints (HDS term, withdrawn ISO edition).
    effectiveEnd: end.derived && end.date ? `${end.date}${x.rules.certificateEndNote(c)[x.lang]}` : null,
    status: label(x, `certStatus.${status}`),
    statusClass:
      status === 'valid'
        ? ''
        : status === 'unknown' || status === 'not-started'
          ? 'severity-warning'
          : 'severity-error',
    hdsActivities: activities(x, c.hdsActivities),
    services: [...(c.services ?? [])],
    scope: c.scope ?? null,
  };
}

function processorTermsView(x: Context) {
  const terms = x.snapshot.organisation.processorTerms;
  if (!terms) return null;
  return {
    breachNoticeHours: terms.breachNoticeHours ?? null,
    objectionWindowDays: terms.objectionWindowDays ?? null,
    authorisation: terms.subprocessorAuthorisation
      ? label(x, `authorisation.${terms.subprocessorAuthorisation}`)
      : null,
  };
}

/** Certificates held by the providers of these engagements. */
function certificatesOf(x: Context, engagements: readonly Engagement[]) {
  const holders = new Set(engagements.map((e) => e.provider));
  return x.snapshot.certificates
    .filter((c) => c.subcontractor !== undefined && holders.has(c.subcontractor))
    .map((c) => certificateView(x, c));
}

/** Engagements of a set of treatments, each once, in the order met. */
function chainsOf(x: Context, treatments: readonly Treatment[]): Engagement[] {
  const out = new Map<string, Engagement>();
  for (const t of treatments) for (const e of x.rules.treatmentChain(t)) out.set(e.key, e);
  return [...out.values()];
}

export interface DocumentModelInput {
  kind: DocumentKind;
  snapshot: ComplianceSnapshot;
  lang: Lang;
  labels: Labels;
  generatedOn: string;
  fingerprint: string;
  client?: string;
  evaluation?: Evaluation;
  /** breach-report: the breach and its timeline at the end of `asOf`. */
  timeline?: Timeline;
}

export function documentModel(input: DocumentModelInput): Record<string, unknown> {
  const { kind, snapshot, lang, labels } = input;
  const x: Context = { snapshot, rules: new SnapshotIndex(snapshot), lang, labels };
  const org = snapshot.organisation;
  const common = {
    lang,
    labels,
    title: label(x, `doc.${kind}`),
    // The register table is wide: landscape; every other document is portrait.
    pageSize: kind === 'register-table' ? 'A4 landscape' : 'A4',
    subtitle: label(x, `doc.${kind}.sub`),
    organisation: {
      name: org.name,
      registrationId: org.registrationId ?? null,
      address: org.address ?? null,
      countryName: countryName(org.country, lang),
      contact: contact(org.contact),
      dpo: contact(org.dpo),
      representative: org.representative
        ? { name: org.representative.name, contact: contact(org.representative.contact) }
        : null,
    },
    asOf: snapshot.asOf,
    generatedOn: input.generatedOn,
    fingerprint: input.fingerprint,
    client: input.client ?? null,
    measures: measures(org.securityMeasures),
    organisationCertificates: x.rules.organisationCertificates().map((c) => certificateView(x, c)),
  };
  const inUse = x.rules.inUse;
  switch (kind) {
    case 'register-controller': {
      const treatments = inUse.filter((t) => t.role !== 'processor');
      return {
        ...common,
        treatments: treatments.map((t) => treatmentView(x, t)),
        certificates: certificatesOf(x, chainsOf(x, treatments)),
      };
    }
    case 'register-table': {
      // Every treatment in use, whatever its role: the register on one line per treatment, as the
      // CNIL's list of treatments and the spreadsheets DPOs keep.
      return { ...common, treatments: inUse.map((t) => tableRowView(x, t)) };
    }
    case 'register-processor': {
      const byController = new Map<string, { name: string; description: string | null; treatments: Treatment[] }>();
      for (const t of inUse.filter((t) => t.role === 'processor')) {
        for (const c of t.controllers?.length ? t.controllers : [{ name: label(x, 'notStated') }]) {
          const entry = byController.get(c.name) ?? { name: c.name, description: null, treatments: [] };
          entry.description ??= (c as { description?: string }).description ?? null;
          entry.treatments.push(t);
          byController.set(c.name, entry);
        }
      }
      const processing = [...byController.values()].flatMap((c) => c.treatments);
      return {
        ...common,
        processorTerms: processorTermsView(x),
        certificates: certificatesOf(x, chainsOf(x, processing)),
        controllers: [...byController.values()].map((c) => ({
          name: c.name,
          description: c.description,
          treatments: c.treatments.map((t) => treatmentView(x, t)),
          subcontractors: chainsOf(x, c.treatments).map((e) => subcontractorView(x, e)),
          transfers: c.treatments.flatMap((t) => transfersOf(x, t, x.rules.treatmentChain(t))),
        })),
      };
    }
    case 'dpa-annex': {
      const processing = inUse.filter((t) => t.role === 'processor');
      const wanted = input.client?.toLowerCase();
      const forClient = wanted
        ? processing.filter((t) => (t.controllers ?? []).some((c) => c.name.toLowerCase().includes(wanted)))
        : [];
      const treatments = forClient.length ? forClient : processing;
      const engagements = chainsOf(x, treatments);
      return {
        ...common,
        processorTerms: processorTermsView(x),
        treatments: treatments.map((t) => treatmentView(x, t)),
        subcontractors: engagements.map((e) => subcontractorView(x, e)),
        certificates: certificatesOf(x, engagements),
        measures: [...common.measures, ...treatments.flatMap((t) => measures(t.securityMeasures))],
      };
    }
    case 'breach-report': {
      const timeline = input.timeline;
      const breach = snapshot.breaches.find((b) => b.key === timeline?.breach.key);
      if (!timeline || !breach) throw new Error('breach-report needs a breach timeline');
      const partyName = (p: { type: string; name: string }) =>
        p.type === 'subcontractor' ? p.name : label(x, `party.${p.type}`);
      return {
        ...common,
        breach: {
          title: breach.title,
          riskLabel: label(x, `risk.${breach.riskLevel}`),
          nature: breach.nature ?? null,
          occurredAt: breach.occurredAt ?? null,
          dataCategories: [...(breach.dataCategories ?? [])],
          subjectCategories: [...(breach.subjectCategories ?? [])],
          approxSubjects: breach.approxSubjects ?? null,
          approxRecords: breach.approxRecords ?? null,
          consequences: breach.consequences ?? null,
          measures: [...(breach.measures ?? [])],
          delayReasons: breach.delayReasons ?? null,
        },
        timelineAt: timeline.at,
        steps: timeline.steps.map((s) => ({
          from: s.from.type === 'organisation' ? org.name : partyName(s.from),
          to: s.to.type === 'organisation' ? org.name : partyName(s.to),
          basis: s.basis[lang],
          clockStartsAt: s.clockStartsAt,
          period: s.period,
          due: s.due,
          notifiedAt: s.notifiedAt,
          statusLabel: label(x, `stepStatus.${s.status}`),
          statusClass:
            s.status === 'overdue' || s.status === 'done-late'
              ? 'severity-error'
              : s.status === 'pending'
                ? 'severity-warning'
                : '',
        })),
      };
    }
    case 'compliance-report': {
      const evaluation = input.evaluation;
      if (!evaluation) throw new Error('compliance-report needs an evaluation');
      // Per severity, one block per rule: its title, reference and shared remediation once, then its subjects.
      const rules = groupByRule(evaluation.findings, lang);
      const groups = (['error', 'warning', 'info'] as const)
        .map((severity) => {
          const ofSeverity = rules.filter((g) => g.severity === severity);
          return {
            severity,
            title: label(x, `severity.${severity}`),
            count: ofSeverity.reduce((n, g) => n + g.count, 0),
            rules: ofSeverity.map((g) => ({
              ruleId: g.ruleId,
              title: g.title,
              reference: g.reference,
              remediation: g.remediation,
              count: g.count,
              findings: g.findings.map((f) => ({
                id: f.id,
                subject: f.subject,
                message: f.message,
                reference: f.reference === g.reference ? null : f.reference,
                remediation: g.remediation === null ? f.remediation : null,
                waiver: f.waiver ?? null,
              })),
            })),
          };
        })
        .filter((g) => g.rules.length);
      return { ...common, summary: evaluation.summary, groups };
    }
  }
}

/** The shapes templates (and the Word writer) read. */
export type TreatmentView = ReturnType<typeof treatmentView>;
export type SubcontractorView = ReturnType<typeof subcontractorView>;
export type CertificateView = ReturnType<typeof certificateView>;
export type MeasureView = ReturnType<typeof measures>[number];
export type TransferView = ReturnType<typeof transfersOf>[number];
export type ProcessorTermsView = NonNullable<ReturnType<typeof processorTermsView>>;
export type ContactView = NonNullable<ReturnType<typeof contact>>;
