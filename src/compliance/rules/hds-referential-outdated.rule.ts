import { REFERENCE } from '../../reference/reference-data';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Certificate, Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { healthChains, validHdsCertificates } from './hds';

export const hdsReferentialOutdated: Rule = {
  id: 'hds.referential-outdated',
  severity: 'error',
  title: l(
    'Certificat HDS au référentiel 2018 après la transition',
    'HDS certificate under the 2018 référentiel after the transition',
  ),
  reference: l('Arrêté du 26 avril 2024 (référentiel HDS v2)', 'Arrêté of 26 April 2024 (HDS référentiel v2)'),
  description: l(
    `Un certificat HDS délivré selon le référentiel de 2018 est invoqué après le ${REFERENCE.hdsReferentials.v2TransitionEnds}, date limite de recertification selon le référentiel v2.`,
    `An HDS certificate issued under the 2018 référentiel is relied on after ${REFERENCE.hdsReferentials.v2TransitionEnds}, the deadline for re-certification under v2.`,
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const deadline = REFERENCE.hdsReferentials.v2TransitionEnds;
    if (ctx.asOf <= deadline) return [];
    const found = new Map<string, { c: Certificate; treatments: Map<string, Treatment> }>();
    for (const { treatment, chain } of healthChains(ctx)) {
      for (const e of chain) {
        const valid = validHdsCertificates(ctx, e.provider);
        // A host re-certified under v2 is compliant, whatever older certificate is still on file.
        if (valid.some((c) => c.kind === 'hds' && c.hdsReferential === 'v2')) continue;
        for (const c of valid) {
          if (c.hdsReferential !== '2018' && c.kind !== 'hds-agrement') continue;
          const entry = found.get(c.key) ?? { c, treatments: new Map() };
          entry.treatments.set(treatment.key, treatment);
          found.set(c.key, entry);
        }
      }
    }
    return [...found.values()].map(({ c, treatments }) => {
      const holder = ctx.subcontractorName(c.subcontractor);
      return {
        ruleId: this.id,
        severity: 'error' as const,
        subject: ctx.subjectOfCertificate(c),
        message: l(
          `Le certificat HDS de ${holder} relève du référentiel 2018 ; depuis le ${deadline}, seule une certification au référentiel v2 vaut.`,
          `${holder}'s HDS certificate is under the 2018 référentiel; since ${deadline} only a v2 certification counts.`,
        ),
        reference: this.reference,
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
  },
};
