import { SandboxPaymentProvider, type PaymentProvider, StripePaymentProvider, type StripePaymentProviderOptions } from '@billing/payment-provider';

/** Which provider takes payments: chosen by configuration, never by environment sniffing. */
export type PaymentProviderConfig =
  | { readonly kind: 'sandbox'; readonly checkoutBaseUrl: string; readonly webhookSecret: string; readonly toleranceSeconds?: number }
  | ({ readonly kind: 'stripe' } & StripePaymentProviderOptions);

export type ConfiguredProvider =
  | { readonly kind: 'sandbox'; readonly provider: SandboxPaymentProvider }
  | { readonly kind: 'stripe'; readonly provider: PaymentProvider };

/** The sandbox refuses `environment: production` (it confirms payments without charging anyone). */
export function paymentProviderFrom(config: PaymentProviderConfig, environment: string): ConfiguredProvider {
  if (config.kind === 'sandbox') {
    const { checkoutBaseUrl, webhookSecret, toleranceSeconds } = config;
    return {
      kind: 'sandbox',
      provider: new SandboxPaymentProvider({ environment, checkoutBaseUrl, webhookSecret, ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }) }),
    };
  }
  const { kind: _kind, ...options } = config;
  return { kind: 'stripe', provider: new StripePaymentProvider(options) };
}
