import { CreditsGrantedPayload, CreditsReservedPayload, GrantSourcePayload, LotAllocationPayload } from '../wallet/wallet-payloads';
import { validateDto } from './validate-dto';

const allocation = { lotId: 'lot-1', millicredits: 1500 };
const reserved = { reservationId: 'res-1', millicredits: 1500, allocations: [allocation], expiresAt: 1_700_000_600_000, taskId: 't-1', at: 1_700_000_000_000 };

describe('validateDto', () => {
  it('given a valid payload, then it is accepted as an instance of its class, nested classes included', () => {
    const granted = validateDto(CreditsGrantedPayload, { grantId: 'g', millicredits: 1, source: { kind: 'plan', reference: 'r' }, expiresAt: null, at: 1 }, { forbidUnknownValues: true });
    expect(granted.ok && granted.value.source).toBeInstanceOf(GrantSourcePayload);
    const answer = validateDto(CreditsReservedPayload, reserved, { forbidUnknownValues: true });
    expect(answer.ok && answer.value.allocations[0]).toBeInstanceOf(LotAllocationPayload);
  });

  it('given a member of the wrong type or one the class does not declare, then it is refused, naming the member', () => {
    const wrongType = validateDto(CreditsReservedPayload, { ...reserved, millicredits: 'lots' }, { forbidUnknownValues: true });
    expect(wrongType.ok ? [] : wrongType.errors.map((e) => e.property)).toEqual(['millicredits']);
    const unknown = validateDto(CreditsReservedPayload, { ...reserved, extra: 1 }, { forbidUnknownValues: true });
    expect(unknown.ok ? [] : unknown.errors.map((e) => [e.property, Object.keys(e.constraints ?? {})])).toEqual([['extra', ['whitelistValidation']]]);
  });

  it('given JSON class-transformer cannot copy, then it is refused as unreadable instead of throwing', () => {
    const answer = validateDto(CreditsReservedPayload, JSON.parse(`{"allocations":[{"constructor":"x"}]}`) as object, { forbidUnknownValues: true });
    expect(answer.ok).toBe(false);
  });
});
