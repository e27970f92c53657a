import { addDays, daysBetween, parisDate } from '../../common/calendar-date';
import { computeDeadline } from '../../deadlines/deadline';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { contractRecorded } from './contract-facts';
import { opensObjectionWindow } from '../../reference/vocabulary';

/**
 * Art. 28(2): under a general authorisation the controller may object to a new sub-processor within
 * the contract's window. The day the notice is received is not counted; the window ends at 24:00
 * (Europe/Paris) on its last day.
 */
export const subprocessorObjectionWindow: Rule = {
  id: 'subprocessor.objection-window',
  severity: 'error',
  title: l("Délai d'opposition à un sous-traitant ultérieur", 'Sub-processor objection window'),
  reference: l('RGPD art. 28(2)', 'GDPR Art. 28(2)'),
  description: l(
    "Un changement de sous-traitant ultérieur prend effet avant la fin du délai d'opposition (erreur), ou le délai est encore ouvert (information, jours restants).",
    'A sub-processor change takes effect before the objection window closes (error), or the window is still open (info, days left).',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const change of ctx.snapshot.subprocessorChanges) {
      if (change.objection || !opensObjectionWindow(change.kind)) continue;
      const e = ctx.engagement(change.engagement);
      const days = e?.objectionWindowDays;
      const name = ctx.subcontractorName(change.subprocessor);
      const processor = e ? ctx.subcontractorName(e.provider) : change.engagement;
      const subject = { type: 'subprocessor-change' as const, id: change.key, name: `${processor} → ${name}` };
      const received = parisDate(change.noticeReceivedAt);
      if (days === undefined) {
        findings.push({
          ruleId: this.id,
          severity: 'warning',
          subject,
          detail: 'no-window',
          message:
            e && contractRecorded(e)
              ? l(
                  `Changement annoncé par ${processor} (${name}) : le contrat enregistré ne fixe aucun délai d'opposition.`,
                  `Change announced by ${processor} (${name}): the recorded contract sets no objection window.`,
                )
              : l(
                  `Changement annoncé par ${processor} (${name}) : aucun délai d'opposition n'est enregistré (aucun contrat enregistré).`,
                  `Change announced by ${processor} (${name}): no objection window is recorded (no contract recorded).`,
                ),
          reference: this.reference,
          evidence: { noticeReceivedOn: received, plannedEffectiveOn: change.plannedEffectiveOn ?? null },
          remediation: l(
            "Fixer contractuellement un délai d'opposition raisonnable et l'enregistrer.",
            'Agree a reasonable objection window in the contract and record it.',
          ),
        });
        continue;
      }
      // Calendar days from the day after receipt; moved to the next working day when the contract says so.
      const rule = e?.deadlines?.find((d) => d.kind === 'objection-window');
      const windowEnds =
        computeDeadline(
          change.noticeReceivedAt,
          { value: days, unit: 'calendar-days' },
          { nextWorkingDay: rule?.nextWorkingDay },
        ).dueDate ?? addDays(received, days);
      const evidence = {
        noticeReceivedAt: change.noticeReceivedAt,
        windowDays: days,
        windowEndsOn: windowEnds,
        plannedEffectiveOn: change.plannedEffectiveOn ?? null,
        asOf: ctx.asOf,
        contract: e?.source ?? null,
      };
      if (change.plannedEffectiveOn && change.plannedEffectiveOn <= windowEnds) {
        findings.push({
          ruleId: this.id,
          severity: 'error',
          subject,
          message: l(
            `${name} doit intervenir le ${change.plannedEffectiveOn}, avant la fin du délai d'opposition (${days} jours, jusqu'au ${windowEnds} inclus).`,
            `${name} is to start on ${change.plannedEffectiveOn}, before the objection window closes (${days} days, until ${windowEnds} inclusive).`,
          ),
          reference: this.reference,
          evidence,
          remediation: l(
            `Demander à ${processor} de reporter la mise en œuvre après le ${windowEnds}, ou s'y opposer.`,
            `Ask ${processor} to postpone the change until after ${windowEnds}, or object.`,
          ),
        });
      } else if (ctx.asOf <= windowEnds) {
        const left = daysBetween(ctx.asOf, windowEnds);
        findings.push({
          ruleId: this.id,
          severity: 'info',
          subject,
          message: l(
            `Délai d'opposition à ${name} ouvert : ${left} jour(s) restant(s), jusqu'au ${windowEnds} inclus.`,
            `Objection window for ${name} open: ${left} day(s) left, until ${windowEnds} inclusive.`,
          ),
          reference: this.reference,
          evidence: { ...evidence, daysLeft: left },
          remediation: l(
            'Examiner le nouveau sous-traitant (garanties, localisation, certificats) et décider avant la fin du délai.',
            'Review the new sub-processor (guarantees, location, certificates) and decide before the window closes.',
          ),
        });
      }
    }
    return findings;
  },
};
