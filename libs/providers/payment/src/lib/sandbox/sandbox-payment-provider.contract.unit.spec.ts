import { describePaymentProviderContract } from '../../testing/payment-provider.contract';
import { SandboxPaymentProvider } from './sandbox-payment-provider';

describePaymentProviderContract('SandboxPaymentProvider', async () => {
  const sandbox = new SandboxPaymentProvider({ environment: 'test', checkoutBaseUrl: 'http://localhost:3000/v1/sandbox/checkout', webhookSecret: 'contract' });
  return {
    provider: sandbox,
    paid: async (order, now) => {
      await sandbox.createCheckout(order);
      return sandbox.confirm(order.orderId, now);
    },
    failed: async (order, now) => {
      await sandbox.createCheckout(order);
      return sandbox.fail(order.orderId, now);
    },
  };
});
