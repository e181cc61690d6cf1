import { parseArgs } from 'node:util';
import type { components } from '@billing/sdk';
import { EXIT_OK, UsageError, type CliCommand } from '../command';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient, positional, print } from './gateway-client';

type PlanSubscription = components['schemas']['PlanSubscriptionDto'];

/** `billing plan [show|change <plan>|cancel|resume]`: the caller's plan subscription. */
export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'show the plan; change it (an upgrade now, pro rata; a downgrade at period end); cancel or resume at period end',
  usage: `npm run billing -- plan [show | change <plan id> | cancel | resume] ${GATEWAY_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseArgs({ args: [...args], options: GATEWAY_OPTIONS, strict: true, allowPositionals: true });
    const [action = 'show', ...rest] = positionals;
    const subscription = gatewayClient(values, context).subscription;
    const only = () => {
      if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
    };
    let answer: PlanSubscription;
    if (action === 'change') answer = await subscription.change({ plan_id: positional(rest, '<plan id>') });
    else if (action === 'show' || action === 'cancel' || action === 'resume') {
      only();
      answer = await (action === 'show' ? subscription.get() : action === 'cancel' ? subscription.cancel() : subscription.resume());
    } else throw new UsageError(`unknown action ${JSON.stringify(action)}; try show, change <plan id>, cancel or resume`);
    print(context, values.json, answer, () => linesOf(answer));
    return EXIT_OK;
  },
};

function linesOf(plan: PlanSubscription): string[] {
  return [
    `plan ${plan.plan_id}: ${plan.status} (${plan.billing}), paid through ${plan.paid_through ?? '-'}`,
    ...(plan.ends_at ? [`ends at ${plan.ends_at} (cancelled at period end; \`plan resume\` keeps it)`] : []),
    ...(plan.pending_change ? [`renews as ${plan.pending_change.plan_id} from ${plan.pending_change.from}`] : []),
  ];
}
