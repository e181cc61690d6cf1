import type { Decider, PaymentLinkReported, ReportPaymentLink } from '@billing/contracts';

/** The payments a provider payment was reported settled by. */
export type PaymentLinks = readonly string[];

/** A link is recorded once; reported again (a redelivery), it changes nothing. */
export const paymentLinkDecider: Decider<ReportPaymentLink, PaymentLinkReported, PaymentLinks> = {
  decide: (command, links) => {
    const { paymentId, linkedPaymentId } = command.data;
    if (links.includes(linkedPaymentId)) return [];
    return [{ type: 'PaymentLinkReported', data: { paymentId, linkedPaymentId, at: command.metadata.now } }];
  },
  evolve: (links, event) => [...links, event.data.linkedPaymentId],
  initialState: [],
};
