import { chargeBasisNote, formatMoney, pricePerCredit } from './format';

describe('the dashboard’s money figures', () => {
  it('given the API packs of seed 004, then the price per credit is exact to a tenth of a cent', () => {
    expect(pricePerCredit(2400, 300, 'USD')).toBe('$0.080');
    expect(pricePerCredit(7200, 1000, 'USD')).toBe('$0.072');
    expect(pricePerCredit(19200, 3000, 'USD')).toBe('$0.064');
    expect(pricePerCredit(44800, 8000, 'USD')).toBe('$0.056');
    expect(pricePerCredit(96000, 20000, 'USD')).toBe('$0.048');
    expect(pricePerCredit(320000, 100000, 'USD')).toBe('$0.032');
  });

  it('given a price that does not divide, then it is rounded once, half up', () => {
    expect(pricePerCredit(100, 3, 'USD')).toBe('$0.333');
    expect(pricePerCredit(200, 3, 'USD')).toBe('$0.667');
    expect(pricePerCredit(100, 0, 'USD')).toBe('-');
  });

  it('given whole dollars or cents, then money reads as people write it', () => {
    expect(formatMoney(192000, 'USD')).toBe('$1,920');
    expect(formatMoney(50, 'USD')).toBe('$0.50');
  });
});

describe('how the tasks table tells a partial output from a success in full', () => {
  const task = (charge_basis: string | null, delivered_duration_seconds: number | null) => ({ charge_basis, delivered_duration_seconds, quote: { duration_seconds: 5 } });

  it('given a shorter output charged pro rata, then the note gives what was delivered of what was quoted', () => {
    expect(chargeBasisNote(task('pro_rata', 1.401))).toBe('pro rata: 1.401 s of 5 s');
  });

  it('given an output charged in full, or none delivered yet, then there is no note', () => {
    expect(chargeBasisNote(task('full', 5))).toBe('');
    expect(chargeBasisNote(task(null, null))).toBe('');
  });
});
