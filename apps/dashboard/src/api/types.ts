// The gateway's public REST shapes this dashboard reads, named from the SDK's types
// (generated from the OpenAPI document by `npm run openapi`).
import type { components } from '@billing/sdk';

type Schemas = components['schemas'];

export type Money = Schemas['MoneyDto'];
export type Balance = Schemas['BalanceDto'];
export type Balances = Schemas['BalancesDto'];
export type Account = Schemas['AccountDto'];
export type Pack = Schemas['PackDto'];
export type Catalog = Schemas['CatalogDto'];
export type Order = Schemas['OrderDto'];
export type Receipt = Schemas['ReceiptDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
export type ApiKeyList = Schemas['ApiKeyListDto'];
export type Factor = Schemas['FactorDto'];
export type Quote = Schemas['QuoteDto'];
export type Task = Schemas['TaskDto'];
export type Batch = Schemas['BatchDto'];
export type TaskPage = Schemas['TaskPageDto'];
export type LedgerEntry = Schemas['LedgerEntryDto'];
export type LedgerPage = Schemas['LedgerDto'];
export type UsageRow = Schemas['UsageRowDto'];
export type Usage = Schemas['UsageDto'];
export type UsageGroup = Schemas['UsageGroupDto'];
export type ApiKeyScope = NonNullable<Schemas['ApiKeyBody']['scopes']>[number];
export type Utilisation = Schemas['UtilisationDto'];
/** RFC 9457 problem details, as every error of the gateway is. */
export type Problem = Schemas['ProblemDto'];
export type WebhookEndpoint = Schemas['WebhookEndpointDto'];
export type WebhookEndpointWithSecret = Schemas['WebhookEndpointWithSecretDto'];
export type WebhookDelivery = Schemas['WebhookDeliveryDto'];
export type WebhookEventType = WebhookEndpoint['event_types'][number];
export type PoolBalanceAlerts = Schemas['PoolBalanceAlertsDto'];
export type AutoTopUp = Schemas['AutoTopUpDto'];
export type Role = Schemas['MemberDto']['role'];
export type CreatedInvitation = Schemas['CreatedInvitationDto'];
export type Member = Schemas['MemberDto'];
export type OrganisationSummary = Schemas['OrganisationSummaryDto'];
