import { WALLET_CATEGORY, WALLET_EVENT_SCHEMA_VERSIONS, WALLET_STREAM_EVENT_SCHEMA_VERSIONS, type WalletEventType, type WalletStreamEvent } from '@billing/contracts';
import type { PayloadSchemas } from '../consumer/event-message';
import type { RelayRoute } from '../relay/relay-route';
import { topicFor, walletAccountIdOf } from '../topics';
import {
  BalanceCarriedForwardPayload,
  CreditsChargedPayload,
  CreditsExpiredPayload,
  CreditsFrozenPayload,
  CreditsGrantedPayload,
  CreditsPurchasedPayload,
  CreditsRefundedPayload,
  CreditsReleasedPayload,
  CreditsReservedPayload,
  CreditsRevokedPayload,
  CreditsUnfrozenPayload,
  ReservationExpiredPayload,
  ReservationRejectedPayload,
} from './wallet-payloads';

/** The wallet topic's wire version; a breaking change of its messages opens `v2` beside it. */
export const WALLET_TOPIC_VERSION = 1;
export const WALLET_TOPIC = topicFor(WALLET_CATEGORY, WALLET_TOPIC_VERSION);

export const walletRoute = (partitions: number): RelayRoute => ({
  category: WALLET_CATEGORY,
  topic: WALLET_TOPIC,
  partitions,
  keyOf: walletAccountIdOf,
});

const DTOS = {
  CreditsPurchased: CreditsPurchasedPayload,
  CreditsGranted: CreditsGrantedPayload,
  CreditsReserved: CreditsReservedPayload,
  ReservationRejected: ReservationRejectedPayload,
  CreditsCharged: CreditsChargedPayload,
  CreditsReleased: CreditsReleasedPayload,
  ReservationExpired: ReservationExpiredPayload,
  CreditsExpired: CreditsExpiredPayload,
  CreditsRefunded: CreditsRefundedPayload,
  CreditsRevoked: CreditsRevokedPayload,
  CreditsFrozen: CreditsFrozenPayload,
  CreditsUnfrozen: CreditsUnfrozenPayload,
} satisfies Record<WalletEventType, new () => object>;

export type WalletPayloads = { [K in WalletEventType]: InstanceType<(typeof DTOS)[K]> };

/**
 * `implements` lets a class leave out an optional member of the contract, and the wire
 * check would then refuse every event that carries it: each payload class must name every
 * member of its event's data (a missing one is a compile error here).
 */
export type NamesEveryMember<Dto, Data> = [Exclude<keyof Data, keyof Dto>] extends [never] ? true : Exclude<keyof Data, keyof Dto>;
const everyMember: { [K in WalletStreamEvent['type']]: NamesEveryMember<K extends WalletEventType ? WalletPayloads[K] : BalanceCarriedForwardPayload, Extract<WalletStreamEvent, { type: K }>['data']> } = {
  CreditsPurchased: true,
  CreditsGranted: true,
  CreditsReserved: true,
  ReservationRejected: true,
  CreditsCharged: true,
  CreditsReleased: true,
  ReservationExpired: true,
  CreditsExpired: true,
  CreditsRefunded: true,
  CreditsRevoked: true,
  CreditsFrozen: true,
  CreditsUnfrozen: true,
  BalanceCarriedForward: true,
};
void everyMember;

/** Every wallet event type, validated by its payload class at the contract's schema version. */
export const WALLET_PAYLOAD_SCHEMAS = Object.fromEntries(
  (Object.keys(DTOS) as WalletEventType[]).map((type) => [type, { schemaVersion: WALLET_EVENT_SCHEMA_VERSIONS[type], dto: DTOS[type] }]),
) as PayloadSchemas<WalletPayloads>;

/** Every type the wallet topic carries: the wallet events, and each period's opening (which moves nothing). */
export const WALLET_TOPIC_SCHEMAS: PayloadSchemas<WalletPayloads & { BalanceCarriedForward: BalanceCarriedForwardPayload }> = {
  ...WALLET_PAYLOAD_SCHEMAS,
  BalanceCarriedForward: { schemaVersion: WALLET_STREAM_EVENT_SCHEMA_VERSIONS.BalanceCarriedForward, dto: BalanceCarriedForwardPayload },
};
