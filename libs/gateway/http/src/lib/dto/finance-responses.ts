import 'reflect-metadata';
import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from './responses';

// The public shapes of the finance role's views (libs/gateway/application finance.ts), for
// the OpenAPI document. Credits are numbers with at most three decimals; money is integer
// cents with a currency; instants are ISO 8601 (the wallet store's recording time).

export class FindingDto {
  @ApiProperty({ type: String, enum: ['chain', 'invariant', 'event', 'read_model', 'checkpoint'] }) kind!: string;
  @ApiProperty({ type: String, example: 'wallet-alice-api' }) stream_name!: string;
  @ApiProperty({ type: Number, format: 'int64', nullable: true }) revision!: number | null;
  @ApiProperty({ type: Number, format: 'int64', nullable: true }) position!: number | null;
  @ApiProperty({ type: String, example: 'hash_mismatch', description: 'A stable rule name' }) rule!: string;
  @ApiProperty({ type: String }) message!: string;
}

export class StatementEntryDto {
  @ApiProperty({ type: Number, format: 'int64' }) position!: number;
  @ApiProperty({ type: Number, format: 'int64' }) revision!: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the store recorded it (periods are on this clock)' }) recorded_at!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'The business instant the wallet decided at' }) at!: string;
  @ApiProperty({ type: String, example: 'CreditsPurchased' }) type!: string;
  @ApiProperty({ type: Number }) credits!: number;
  @ApiProperty({ type: Number }) balance_change!: number;
  @ApiProperty({ type: Number }) held_change!: number;
  @ApiProperty({ type: Number, description: 'Running balance after this entry' }) balance!: number;
  @ApiProperty({ type: Number, description: 'Held after this entry' }) held!: number;
  @ApiProperty({ type: String, nullable: true }) task_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) reservation_id!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The order, for purchases and revocations' }) order_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) price_book!: string | null;
  @ApiProperty({ type: String, nullable: true }) price_book_version!: string | null;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'Money paid, for purchases' }) amount!: MoneyDto | null;
  @ApiProperty({ type: String, nullable: true }) lot_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class StatementDto {
  @ApiProperty({ type: String }) account_id!: string;
  @ApiProperty({ type: String, example: 'api' }) pool!: string;
  @ApiProperty({ type: String, format: 'date-time' }) from!: string;
  @ApiProperty({ type: String, format: 'date-time' }) to!: string;
  @ApiProperty({ type: Number, description: 'Balance from everything recorded before from' }) opening_balance!: number;
  @ApiProperty({ type: Number, description: 'Balance as of to' }) closing_balance!: number;
  @ApiProperty({ type: Number }) closing_held!: number;
  @ApiProperty({ type: [StatementEntryDto] }) entries!: StatementEntryDto[];
  @ApiProperty({ type: Number, format: 'int32' }) finding_count!: number;
  @ApiProperty({ type: [FindingDto] }) findings!: FindingDto[];
}

export class WalletAsOfDto {
  @ApiProperty({ type: String }) account_id!: string;
  @ApiProperty({ type: String, example: 'api' }) pool!: string;
  @ApiProperty({ type: Number, format: 'int64', description: 'Revision of the wallet stream at that instant' }) revision!: number;
  @ApiProperty({ type: Number }) balance!: number;
  @ApiProperty({ type: Number }) held!: number;
  @ApiProperty({ type: Number }) available!: number;
}

export class BalancesAsOfDto {
  @ApiProperty({ type: String, format: 'date-time' }) as_of!: string;
  @ApiProperty({ type: [WalletAsOfDto] }) wallets!: WalletAsOfDto[];
  @ApiProperty({ type: Number, format: 'int32' }) finding_count!: number;
  @ApiProperty({ type: [FindingDto] }) findings!: FindingDto[];
}

export class FlowDto {
  @ApiProperty({ type: Number }) credits!: number;
  @ApiProperty({ type: [MoneyDto], description: 'Value at the price the credits were bought at, per currency (grants count 0)' }) value!: MoneyDto[];
}

export class OutstandingDto extends FlowDto {
  @ApiProperty({ type: Number }) purchased_credits!: number;
  @ApiProperty({ type: Number }) granted_credits!: number;
}

export class FlowsDto {
  @ApiProperty({ type: FlowDto }) purchased!: FlowDto;
  @ApiProperty({ type: FlowDto }) granted!: FlowDto;
  @ApiProperty({ type: FlowDto }) charged!: FlowDto;
  @ApiProperty({ type: FlowDto }) refunded!: FlowDto;
  @ApiProperty({ type: FlowDto }) expired!: FlowDto;
  @ApiProperty({ type: FlowDto }) revoked!: FlowDto;
}

export class PoolLiabilityDto {
  @ApiProperty({ type: String, example: 'api' }) pool!: string;
  @ApiProperty({ type: OutstandingDto, description: 'Credits still in balances at as_of (held ones included)' }) outstanding!: OutstandingDto;
  @ApiProperty({ type: FlowDto, description: 'Outstanding at the start of the period' }) opening!: FlowDto;
  @ApiProperty({ type: FlowsDto, description: 'Movements recorded in the period' }) period!: FlowsDto;
  @ApiProperty({ type: FlowDto, description: 'Credits that expired unused in the period' }) breakage!: FlowDto;
  @ApiProperty({ type: [MoneyDto], description: 'Charged credits at their purchase price, less refunds, in the period' }) revenue_recognised!: MoneyDto[];
  @ApiProperty({ type: FlowsDto, description: 'Every movement since the first event' }) all_time!: FlowsDto;
  @ApiProperty({ type: Boolean, description: 'opening + period = outstanding and all-time = outstanding, exactly, per price class' }) reconciles!: boolean;
}

export class LiabilityDto {
  @ApiProperty({ type: String, format: 'date-time' }) as_of!: string;
  @ApiProperty({ type: String, format: 'date-time' }) period_from!: string;
  @ApiProperty({ type: String, example: 'half_even', description: 'How money is rounded to cents, once per figure' }) rounding!: string;
  @ApiProperty({ type: [PoolLiabilityDto] }) pools!: PoolLiabilityDto[];
  @ApiProperty({ type: Number, format: 'int32' }) finding_count!: number;
  @ApiProperty({ type: [FindingDto] }) findings!: FindingDto[];
}

export class OrganisationsVerificationDto {
  @ApiProperty({ type: Number, format: 'int64', description: 'Events of the organisation streams read' }) events_read!: number;
  @ApiProperty({ type: Number, format: 'int64' }) organisations!: number;
  @ApiProperty({ type: Number, format: 'int64', description: 'Organisations founded by the migration of a single-user account' }) migrated!: number;
  @ApiProperty({ type: Number, format: 'int64' }) members!: number;
  @ApiProperty({ type: Number, format: 'int64', description: 'Accounts with wallets, each checked to be one organisation’s' }) accounts!: number;
  @ApiProperty({ type: Number, format: 'int32', description: 'Of the reply’s findings, those about organisations' }) finding_count!: number;
}

export class VerificationDto {
  @ApiProperty({ type: Boolean, description: 'True when nothing was found' }) verified!: boolean;
  @ApiProperty({ type: Number, format: 'int64' }) events_read!: number;
  @ApiProperty({ type: Number, format: 'int64' }) streams!: number;
  @ApiProperty({ type: Number, format: 'int32', description: 'Signed checkpoints the history was checked against' }) checkpoints!: number;
  @ApiProperty({
    type: OrganisationsVerificationDto,
    nullable: true,
    description:
      'The gateway’s organisation streams audited with the wallets: chains, the migration of single-user accounts, an owner always, every account one organisation’s, pools never mixed (a lot funds one wallet only); null when their store is not beside finance',
  })
  organisations!: OrganisationsVerificationDto | null;
  @ApiProperty({ type: Number, format: 'int32' }) finding_count!: number;
  @ApiProperty({ type: [FindingDto] }) findings!: FindingDto[];
}

export class CheckpointDto {
  @ApiProperty({ type: String, example: 'checkpoint-day-2026-03-01.json' }) name!: string;
  @ApiProperty({ type: String, enum: ['day', 'month'] }) period!: string;
  @ApiProperty({ type: String, format: 'date-time' }) period_end!: string;
  @ApiProperty({ type: String, format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: Number, format: 'int64' }) streams!: number;
  @ApiProperty({ type: String, description: 'SHA-256 of the stream heads' }) digest!: string;
  @ApiProperty({ type: String }) key_fingerprint!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Under the configured verifying key; null when none is configured' }) signature_valid!: boolean | null;
}

export class CheckpointsDto {
  @ApiProperty({ type: [CheckpointDto] }) checkpoints!: CheckpointDto[];
}
