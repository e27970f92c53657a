import { REFERENCE } from '../../reference/reference-data';
import { l, RuleFinding } from '../finding';
import { holderOf, ORGANISATION_HOLDER, SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Certificate, Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { claimedReferential, HealthChain, healthChains, validHdsCertificates } from './hds';
import { reliedCertificates } from './certificates';

/**
 * After 16 May 2026 only a v2 certification counts (arrêté du 26 avril 2024). And a holder that claims
 * the v2 référentiel while the only certificate on file is under 2018 is a finding at any date, also
 * once that certificate has ended: the claim is contradicted by the evidence (a claim never silences).
 */
export const hdsReferentialOutdated: Rule = {
  id: 'hds.referential-outdated',
  severity: 'error',
  title: l(
    'Certificat HDS au référentiel 2018 après la transition',
    'HDS certificate under the 2018 référentiel after the transition',
  ),
  reference: l('Arrêté du 26 avril 2024 (référentiel HDS v2)', 'Arrêté of 26 April 2024 (HDS référentiel v2)'),
  description: l(
    `Un certificat HDS délivré selon le référentiel de 2018 est invoqué après le ${REFERENCE.hdsReferentials.v2TransitionEnds}, date limite de recertification selon le référentiel v2 ; ou un acteur affirme le référentiel v2 alors que le seul certificat enregistré relève de 2018.`,
    `An HDS certificate issued under the 2018 référentiel is relied on after ${REFERENCE.hdsReferentials.v2TransitionEnds}, the deadline for re-certification under v2; or an actor claims the v2 référentiel while the only certificate on file is under 2018.`,
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    return [...afterTransition(this, ctx), ...claimedV2(this, ctx)];
  },
};

function afterTransition(rule: Rule, ctx: SnapshotIndex): RuleFinding[] {
  const deadline = REFERENCE.hdsReferentials.v2TransitionEnds;
  if (ctx.asOf <= deadline) return [];
  const found = new Map<string, { c: Certificate; treatments: Map<string, Treatment> }>();
  // Per shape of chain, once: the outdated certificates its holders rely on.
  const outdatedOf = ({ chain, performers }: HealthChain): Certificate[] =>
    ctx.memoBy('hds-outdated', performers, () => {
      const list: Certificate[] = [];
      const holders = new Set(chain.map((e) => e.provider));
      if ([...performers.values()].some((ps) => ps.some((p) => p.holder === ORGANISATION_HOLDER))) {
        holders.add(ORGANISATION_HOLDER);
      }
      for (const holder of holders) {
        const valid = validHdsCertificates(ctx, holder);
        // A host re-certified under v2 is compliant, whatever older certificate is still on file.
        if (valid.some((c) => c.kind === 'hds' && c.hdsReferential === 'v2')) continue;
        for (const c of valid) if (c.hdsReferential === '2018' || c.kind === 'hds-agrement') list.push(c);
      }
      return list;
    });
  for (const health of healthChains(ctx)) {
    for (const c of outdatedOf(health)) {
      const entry = found.get(c.key) ?? { c, treatments: new Map() };
      entry.treatments.set(health.treatment.key, health.treatment);
      found.set(c.key, entry);
    }
  }
  return [...found.values()].map(({ c, treatments }) => {
    const holder = ctx.holderName(c);
    return {
      ruleId: rule.id,
      severity: 'error' as const,
      subject: ctx.subjectOfCertificate(c),
      message: l(
        `Le certificat HDS de ${holder} relève du référentiel 2018 ; depuis le ${deadline}, seule une certification au référentiel v2 vaut.`,
        `${holder}'s HDS certificate is under the 2018 référentiel; since ${deadline} only a v2 certification counts.`,
      ),
      reference: rule.reference,
      evidence: {
        holder,
        referential: c.hdsReferential ?? c.kind,
        validTo: ctx.certificateEnd(c).date ?? null,
        transitionEnded: deadline,
        treatments: treatmentKeys([...treatments.values()]),
      },
      remediation: l(
        'Obtenir le certificat HDS v2 de l’hébergeur (ou sa date d’audit) et l’enregistrer.',
        "Obtain the host's HDS v2 certificate (or its audit date) and record it.",
      ),
    };
  });
}

function claimedV2(rule: Rule, ctx: SnapshotIndex): RuleFinding[] {
  const deadline = REFERENCE.hdsReferentials.v2TransitionEnds;
  const relied = new Map<string, { c: Certificate; treatments: readonly Treatment[] }[]>();
  for (const r of reliedCertificates(ctx)) {
    if (r.certificate.kind !== 'hds') continue;
    const holder = holderOf(r.certificate);
    relied.set(holder, [...(relied.get(holder) ?? []), { c: r.certificate, treatments: r.treatments }]);
  }
  const findings: RuleFinding[] = [];
  for (const [holder, list] of relied) {
    if (list.some(({ c }) => c.hdsReferential !== '2018')) continue;
    const claim = ctx.guaranteesOf(holder).find((g) => claimedReferential(g) === 'v2');
    if (!claim) continue;
    // The latest of the 2018 certificates is the one the claim is read against.
    const [{ c, treatments }] = [...list].sort((a, b) =>
      (ctx.certificateEnd(b.c).date ?? '').localeCompare(ctx.certificateEnd(a.c).date ?? ''),
    );
    const end = ctx.certificateEnd(c).date ?? null;
    const stillCounts = ctx.isValidOn(c) && ctx.asOf <= deadline;
    const name = ctx.subcontractorName(holder);
    findings.push({
      ruleId: rule.id,
      severity: stillCounts ? 'warning' : 'error',
      subject: ctx.subjectOfCertificate(c),
      detail: 'claimed-v2',
      message: l(
        `${name} affirme le référentiel HDS v2 (« ${claim.text} ») mais le seul certificat enregistré relève du référentiel 2018${end ? ` (fin ${end})` : ''} : l'affirmation n'est pas prouvée.`,
        `${name} claims the HDS v2 référentiel ("${claim.text}") but the only certificate on file is under the 2018 référentiel${end ? ` (ends ${end})` : ''}: the claim is not evidenced.`,
      ),
      reference: rule.reference,
      evidence: {
        holder: name,
        claim: claim.text,
        certificate: c.key,
        referential: '2018',
        validTo: end,
        transitionEnds: deadline,
        treatments: treatmentKeys(treatments),
      },
      remediation: l(
        'Obtenir le certificat HDS v2 (numéro, organisme, activités, dates) et l’enregistrer, ou corriger le document qui l’affirme.',
        'Obtain the HDS v2 certificate (number, body, activities, dates) and record it, or correct the document that claims it.',
      ),
    });
  }
  return findings;
}
