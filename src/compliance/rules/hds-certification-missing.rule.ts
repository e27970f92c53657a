import type { HdsActivityCode } from '../../reference/hds-activities';
import { l, RuleFinding, RuleMeta } from '../finding';
import { ORGANISATION_HOLDER, SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Engagement, Treatment } from '../../snapshot/snapshot';
import { Rule, STEP, stepped } from './rule';
import {
  activityNumbers,
  coveringCertificate,
  describeActivities,
  hdsClaims,
  HealthChain,
  healthChainSteps,
  validHdsCertificates,
} from './hds';

interface Entry {
  activities: Set<HdsActivityCode>;
  treatments: Treatment[];
  /** The shapes of chain whose activities are already counted. */
  shapes: Set<Note[]>;
}

/** A holder lacking a certificate in one shape of chain, and the activities it performs there. */
interface Note {
  holder: string;
  activities: readonly HdsActivityCode[];
}

/**
 * LEGAL.md §7d: every actor that performs one of the six activities on health data for someone else
 * needs the certificate — a host the register shows performing activities, one that presents itself as
 * an HDS host (a claim is not a certificate), and the organisation itself when, as a processor, it
 * performs activities for its clients. Only the controller's own in-house operations are exempt.
 */
export const hdsCertificationMissing: Rule = stepped({
  id: 'hds.certification-missing',
  severity: 'error',
  title: l('Hébergeur de données de santé non certifié', 'Health-data host not certified'),
  reference: l('CSP L.1111-8, R.1111-9', 'CSP L.1111-8, R.1111-9'),
  description: l(
    "Un acteur exerce une activité d'hébergement de données de santé pour autrui (prestataire, sous-traitant ultérieur, ou l'organisation elle-même pour ses clients) sans certificat HDS valide à la date demandée : une affirmation (« certifié HDS ») n'est pas un certificat, un agrément expiré non plus.",
    'An actor performs a health-data hosting activity for someone else (a provider, a sub-processor, or the organisation itself for its clients) without an HDS certificate valid on the date asked: a claim ("certifié HDS") is no certificate, nor is an expired agrément.',
  ),
  *steps(ctx: SnapshotIndex): Generator<void, RuleFinding[]> {
    let n = 0;
    const byHolder = new Map<string, Entry>();
    // Per engagement, once: the activities of a host that lacks a certificate (undefined: none lacking).
    const lackingOf = (e: Engagement): readonly HdsActivityCode[] | undefined =>
      ctx.memoBy('hds-lacking', e, () => {
        const activities = ctx.hdsActivitiesOf(e);
        // A host by its own account: no activity recorded, but it presents itself as HDS or holds an HDS certificate.
        const host =
          activities.length > 0 ||
          hdsClaims(ctx, e.provider).length > 0 ||
          ctx.hdsCertificatesOf(e.provider).length > 0;
        return !host || validHdsCertificates(ctx, e.provider).length || coveringCertificate(ctx, e)
          ? undefined
          : activities;
      });
    const organisationCertified = validHdsCertificates(ctx, ORGANISATION_HOLDER).length > 0;
    // Per shape of chain, once: who lacks a certificate, for which activities.
    const notesFor = ({ chain, performers }: HealthChain): Note[] =>
      ctx.memoBy('hds-lacking-notes', performers, () => {
        const notes: Note[] = [];
        for (const e of chain) {
          const activities = lackingOf(e);
          if (activities) notes.push({ holder: e.provider, activities });
        }
        if (!organisationCertified) {
          const inHouse: HdsActivityCode[] = [];
          for (const [activity, list] of performers) {
            if (list.some((p) => p.holder === ORGANISATION_HOLDER)) inHouse.push(activity);
          }
          if (inHouse.length) notes.push({ holder: ORGANISATION_HOLDER, activities: inHouse });
        }
        return notes;
      });
    for (const health of yield* healthChainSteps(ctx)) {
      if (++n % STEP === 0) yield;
      const notes = notesFor(health);
      for (const note of notes) {
        let entry = byHolder.get(note.holder);
        if (!entry) byHolder.set(note.holder, (entry = { activities: new Set(), treatments: [], shapes: new Set() }));
        if (!entry.shapes.has(notes)) {
          entry.shapes.add(notes);
          for (const a of note.activities) entry.activities.add(a);
        }
        // Treatments come one at a time: a treatment already listed is the last one.
        if (entry.treatments[entry.treatments.length - 1] !== health.treatment) entry.treatments.push(health.treatment);
      }
    }
    return [...byHolder].map(([holder, { activities, treatments }]) =>
      finding(this, ctx, holder, activities, treatments),
    );
  },
});

function finding(
  rule: RuleMeta,
  ctx: SnapshotIndex,
  holder: string,
  activities: Set<HdsActivityCode>,
  treatments: readonly Treatment[],
): RuleFinding {
  const ours = holder === ORGANISATION_HOLDER;
  const s = ours ? undefined : ctx.subcontractor(holder);
  const name = ctx.subcontractorName(holder);
  const onFile = ctx.hdsCertificatesOf(holder).map((c) => ({
    key: c.key,
    kind: c.kind,
    validFrom: c.validFrom ?? null,
    validTo: ctx.certificateEnd(c).date ?? null,
  }));
  const ended = onFile.some((c) => c.validTo !== null && c.validTo < ctx.asOf);
  const claims = hdsClaims(ctx, holder).map((g) => g.text);
  // The message quotes a claim of current certification; agrément histories stay in the evidence.
  const quoted = hdsClaims(ctx, holder).find((g) => g.kind === 'hds')?.text;
  const quote = quoted && quoted.length > 160 ? `${quoted.slice(0, 157)}…` : quoted;
  const what = (lang: 'fr' | 'en') =>
    activities.size
      ? `${lang === 'fr' ? 'exerce' : 'performs'} ${describeActivities(activities, lang)} ${lang === 'fr' ? 'pour des données de santé' : 'for health data'}`
      : lang === 'fr'
        ? 'héberge des données de santé'
        : 'hosts health data';
  const whatForClients = (lang: 'fr' | 'en') =>
    `${lang === 'fr' ? 'exerce' : 'performs'} ${describeActivities(activities, lang)}`;
  const claimFr = quote
    ? ` ; « ${quote} » est affirmé, mais une affirmation n'est pas un certificat (numéro, organisme, activités, référentiel, dates)`
    : '';
  const claimEn = quote
    ? `; "${quote}" is claimed, but a claim is no certificate (number, body, activities, référentiel, dates)`
    : '';
  const endedFr = ended ? ' (seulement des certificats ou agréments échus)' : '';
  const endedEn = ended ? ' (only ended certificates or agréments)' : '';
  const keys = treatmentKeys(treatments);
  return {
    ruleId: rule.id,
    severity: 'error',
    subject: ours
      ? ctx.subjectOfOrganisation()
      : s
        ? ctx.subjectOfSubcontractor(s)
        : { type: 'subcontractor', id: holder, name },
    message: ours
      ? l(
          `${name} ${whatForClients('fr')} pour les données de santé de ses clients (${keys.join(', ')}) sans certificat HDS valide au ${ctx.asOf}${endedFr} ; seules les opérations du responsable pour son propre compte sont exemptées${claimFr}.`,
          `${name} ${whatForClients('en')} for its clients' health data (${keys.join(', ')}) with no HDS certificate valid on ${ctx.asOf}${endedEn}; only a controller's own operations are exempt${claimEn}.`,
        )
      : l(
          `${name} ${what('fr')} sans certificat HDS valide au ${ctx.asOf}${endedFr}${claimFr}.`,
          `${name} ${what('en')} with no HDS certificate valid on ${ctx.asOf}${endedEn}${claimEn}.`,
        ),
    reference: ours
      ? l('CSP L.1111-8, R.1111-9 (hébergement pour le compte d’autrui)', 'CSP L.1111-8, R.1111-9 (hosting for others)')
      : rule.reference,
    evidence: {
      holder: name,
      activities: activityNumbers(activities),
      hdsCertificates: onFile,
      claims,
      asOf: ctx.asOf,
      treatments: keys,
    },
    remediation: ours
      ? l(
          "Obtenir la certification HDS pour ces activités (hébergeur infogéreur), ou les confier contractuellement à un hébergeur certifié qui les exerce pour les clients ; l'enregistrer comme certificat de l'organisation.",
          "Obtain HDS certification for these activities (managed hosting), or have a certified host perform them for the clients under contract; record it as the organisation's certificate.",
        )
      : l(
          'Obtenir et enregistrer le certificat HDS en cours de validité couvrant ces activités (numéro, organisme, activités, référentiel, dates), ou confier ces activités à un hébergeur certifié.',
          'Obtain and record a current HDS certificate covering these activities (number, body, activities, référentiel, dates), or move them to a certified host.',
        ),
  };
}
