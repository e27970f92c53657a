import { breachTimeline, endOfParisDay } from '../../deadlines/breach-timeline';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';

/** A step of a breach's notification chain done after its due instant, or still undone past it. */
export const breachNotificationLate: Rule = {
  id: 'breach.notification-late',
  severity: 'error',
  title: l('Notification de violation en retard', 'Breach notification late'),
  reference: l('RGPD art. 33(1), 33(2), 34', 'GDPR Art. 33(1), 33(2), 34'),
  description: l(
    "Une notification de la chaîne (sous-traitant → responsable → CNIL) a été faite après son échéance, ou ne l'est toujours pas alors que l'échéance est passée ; une notification tardive à la CNIL doit être accompagnée des motifs du retard.",
    'A notification of the chain (processor → controller → CNIL) was made after it was due, or is still not made past its due time; a late notification to the CNIL must give the reasons for the delay.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const at = endOfParisDay(ctx.asOf);
    const findings: RuleFinding[] = [];
    for (const breach of ctx.snapshot.breaches) {
      const timeline = breachTimeline(ctx.snapshot, breach, at, ctx);
      for (const step of timeline.steps) {
        if (step.status !== 'overdue' && step.status !== 'done-late') continue;
        const toCnil = step.to.type === 'cnil';
        const reasons = Boolean(breach.delayReasons);
        const severity = step.status === 'done-late' && toCnil && reasons ? 'warning' : 'error';
        const late = step.status === 'done-late';
        findings.push({
          ruleId: this.id,
          severity,
          subject: { type: 'breach', id: breach.key, name: breach.title },
          detail: `${step.from.key}>${step.to.key}`,
          message: l(
            `${step.from.name} → ${step.to.name} : ${late ? `notifié le ${step.notifiedAt ?? ''}` : 'pas encore notifié'}, échéance ${step.due ?? ''}${toCnil && late && !reasons ? ' ; les motifs du retard manquent' : ''}.`,
            `${step.from.name} → ${step.to.name}: ${late ? `notified on ${step.notifiedAt ?? ''}` : 'not notified yet'}, due ${step.due ?? ''}${toCnil && late && !reasons ? '; the reasons for the delay are missing' : ''}.`,
          ),
          reference: step.basis,
          evidence: {
            from: step.from.key,
            to: step.to.key,
            clockStartsAt: step.clockStartsAt,
            period: step.period,
            due: step.due,
            notifiedAt: step.notifiedAt,
            status: step.status,
            delayReasons: breach.delayReasons ?? null,
          },
          remediation: late
            ? l(
                toCnil && !reasons
                  ? 'Compléter la notification avec les motifs du retard (art. 33(1)).'
                  : 'Analyser la cause du retard et corriger la procédure.',
                toCnil && !reasons
                  ? 'Complete the notification with the reasons for the delay (Art. 33(1)).'
                  : 'Find the cause of the delay and fix the procedure.',
              )
            : l(
                'Notifier immédiatement, avec les motifs du retard.',
                'Notify at once, with the reasons for the delay.',
              ),
        });
      }
    }
    return findings;
  },
};
