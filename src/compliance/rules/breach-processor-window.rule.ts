import { REFERENCE } from '../../reference/reference-data';
import { l, Localized, RuleFinding, Severity } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Engagement } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { contractRecorded } from './contract-facts';

const {
  controllerToAuthorityHours: CNIL_HOURS,
  processorNoticeErrorFromHours: ERROR_FROM,
  processorNoticeWarningAboveHours: WARN_ABOVE,
} = REFERENCE.breach;

function verdict(hours: number | undefined): Severity | undefined {
  if (hours === undefined) return 'warning';
  if (hours >= ERROR_FROM) return 'error';
  return hours > WARN_ABOVE ? 'warning' : undefined;
}

/**
 * `recorded`: something of the contract itself is on file, so a missing period is what that contract
 * says; otherwise only "no period is recorded" is known.
 */
function message(hours: number | undefined, who: string, whom: Localized, recorded: boolean): Localized {
  if (hours === undefined) {
    return recorded
      ? l(
          `Le contrat enregistré avec ${who} ne fixe aucun délai de notification des violations à ${whom.fr}.`,
          `The recorded contract with ${who} sets no breach-notification period to ${whom.en}.`,
        )
      : l(
          `Aucun délai de notification des violations à ${whom.fr} n'est enregistré pour ${who} (aucun contrat enregistré).`,
          `No breach-notification period to ${whom.en} is recorded for ${who} (no contract recorded).`,
        );
  }
  const left = Math.max(CNIL_HOURS - hours, 0);
  return l(
    `${who} notifie une violation à ${whom.fr} sous ${hours} h : il ne reste que ${left} h des ${CNIL_HOURS} h de l'article 33(1).`,
    `${who} notifies a breach to ${whom.en} within ${hours} h: only ${left} h remain of the Art. 33(1) ${CNIL_HOURS} h.`,
  );
}

/**
 * Hours from a link of a chain up to the organisation (the slowest path); undefined when a link sets
 * none, or when the way up loops. Walked with an explicit stack (chains of any length); `memo` keeps
 * each link's result for the other links of the same evaluation.
 */
function chainHours(ctx: SnapshotIndex, start: Engagement, memo: Map<string, number | undefined>): number | undefined {
  const onPath = new Set<string>();
  const stack: { e: Engagement; expanded: boolean }[] = [{ e: start, expanded: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const { e } = top;
    if (memo.has(e.key) || e.breachNoticeHours === undefined || !e.client) {
      if (!memo.has(e.key)) memo.set(e.key, e.breachNoticeHours);
      stack.pop();
      continue;
    }
    const parents = ctx.engagementsOf(e.client);
    if (!top.expanded) {
      top.expanded = true;
      onPath.add(e.key);
      for (const p of parents) if (!memo.has(p.key) && !onPath.has(p.key)) stack.push({ e: p, expanded: false });
      continue;
    }
    onPath.delete(e.key);
    const above = parents
      .map((p) => (onPath.has(p.key) ? undefined : memo.get(p.key)))
      .filter((h): h is number => h !== undefined);
    memo.set(e.key, above.length ? e.breachNoticeHours + Math.max(...above) : undefined);
    stack.pop();
  }
  return memo.get(start.key);
}

/**
 * Art. 33(2) asks the processor to notify "without undue delay"; the controller has 72 h from awareness
 * (33(1)). A contractual processor window of 72 h or more leaves the controller nothing (error); above
 * 48 h, little (warning); no window at all is a gap (warning). Checked for the organisation's own
 * processors, for chains (hours added up), and for what the organisation promises its clients.
 */
export const breachProcessorWindowTooLong: Rule = {
  id: 'breach.processor-window-too-long',
  severity: 'error',
  title: l('Délai de notification du sous-traitant trop long', 'Processor breach-notice window too long'),
  reference: l('RGPD art. 33(1), 33(2)', 'GDPR Art. 33(1), 33(2)'),
  description: l(
    `Le délai contractuel de notification d'une violation par le sous-traitant laisse trop peu des ${CNIL_HOURS} h du responsable (erreur à partir de ${ERROR_FROM} h, avertissement au-delà de ${WARN_ABOVE} h ou sans délai fixé).`,
    `The contractual processor breach-notice period leaves the controller too little of its ${CNIL_HOURS} h (error from ${ERROR_FROM} h, warning above ${WARN_ABOVE} h or when none is set).`,
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    const us = l('l’organisation', 'the organisation');
    const hoursUp = new Map<string, number | undefined>();
    for (const e of ctx.engagements) {
      const treatments = ctx.treatmentsRelyingOn(e.key);
      if (!treatments.length) continue;
      const name = ctx.subcontractorName(e.provider);
      let hours = e.breachNoticeHours;
      let whom = us;
      if (e.client) {
        // A sub-processor tells its processor, which tells its own, … up to the organisation: delays add up.
        hours = chainHours(ctx, e, hoursUp);
        if (hours === undefined) continue;
        whom = l(
          `l’organisation via ${ctx.subcontractorName(e.client)}`,
          `the organisation via ${ctx.subcontractorName(e.client)}`,
        );
      }
      const severity = verdict(hours);
      if (!severity) continue;
      findings.push({
        ruleId: this.id,
        severity,
        subject: ctx.subjectOfEngagement(e),
        message: message(hours, name, whom, contractRecorded(e)),
        reference: e.source
          ? l(
              `RGPD art. 33(2) ; contrat : ${e.source.document} ${e.source.section ?? ''}`.trim(),
              `GDPR Art. 33(2); contract: ${e.source.document} ${e.source.section ?? ''}`.trim(),
            )
          : l('RGPD art. 33(2)', 'GDPR Art. 33(2)'),
        evidence: {
          provider: name,
          breachNoticeHours: hours ?? null,
          controllerHours: CNIL_HOURS,
          treatments: treatmentKeys(treatments),
        },
        remediation:
          hours === undefined && !contractRecorded(e)
            ? l(
                `Retrouver le contrat (art. 28) et enregistrer le délai qu'il fixe ; à défaut, négocier une notification sans délai injustifié, au plus tard sous ${WARN_ABOVE} h.`,
                `Find the contract (Art. 28) and record the period it sets; failing one, negotiate notice without undue delay, within ${WARN_ABOVE} h at most.`,
              )
            : l(
                `Négocier une notification sans délai injustifié et au plus tard sous ${WARN_ABOVE} h (24 h de préférence).`,
                `Negotiate notice without undue delay and within ${WARN_ABOVE} h at most (24 h preferably).`,
              ),
      });
    }
    const terms = ctx.organisation.processorTerms;
    if (ctx.organisation.roles.includes('processor') && ctx.inUse.some((t) => ctx.isProcessorTreatment(t))) {
      const severity = verdict(terms?.breachNoticeHours);
      if (severity) {
        findings.push({
          ruleId: this.id,
          severity,
          subject: ctx.subjectOfOrganisation(),
          detail: 'processor-terms',
          message: message(
            terms?.breachNoticeHours,
            ctx.organisation.name,
            l('ses clients responsables de traitement', 'its controller clients'),
            Boolean(terms?.dpaReference || terms?.source),
          ),
          reference: l('RGPD art. 33(2)', 'GDPR Art. 33(2)'),
          evidence: {
            breachNoticeHours: terms?.breachNoticeHours ?? null,
            controllerHours: CNIL_HOURS,
            source: terms?.source ?? null,
          },
          remediation: l(
            `S'engager contractuellement à notifier ses clients sans délai injustifié, au plus tard sous ${WARN_ABOVE} h.`,
            `Commit in the contract to notify clients without undue delay, within ${WARN_ABOVE} h at most.`,
          ),
        });
      }
    }
    return findings;
  },
};
