import { parseSagaArgs } from './saga-args';

describe('bench:saga arguments', () => {
  it('given no arguments, then one embedded round on SQLite', () => {
    expect(parseSagaArgs([])).toEqual({ mode: 'embedded', rounds: [1], postgres: false });
  });

  it('given --mode distributed alone, then one round on SQLite files, or on PostgreSQL with EVENT_STORE=postgres', () => {
    expect(parseSagaArgs(['--mode', 'distributed'])).toEqual({ mode: 'distributed', rounds: [1], postgres: false });
    expect(parseSagaArgs(['--mode', 'distributed'], { EVENT_STORE: 'postgres' })).toEqual({ mode: 'distributed', rounds: [1], postgres: true });
  });

  it('given --instances 1,2 or --instances=2, then a round per count on PostgreSQL, in the order given', () => {
    expect(parseSagaArgs(['--mode', 'distributed', '--instances', '1,2'])).toEqual({ mode: 'distributed', rounds: [1, 2], postgres: true });
    expect(parseSagaArgs(['--instances=2', '--mode=distributed'])).toEqual({ mode: 'distributed', rounds: [2], postgres: true });
  });

  it.each([
    [['--mode', 'threads'], /--mode must be embedded or distributed/],
    [['--instances', '2'], /needs --mode distributed/],
    [['--mode', 'distributed', '--instances'], /whole numbers from 1 to 16/],
    [['--mode', 'distributed', '--instances', '1,,2'], /whole numbers from 1 to 16/],
    [['--mode', 'distributed', '--instances', '0'], /whole numbers from 1 to 16/],
    [['--mode', 'distributed', '--instances', '1.5'], /whole numbers from 1 to 16/],
    [['--mode', 'distributed', '--instances', '2,2'], /names a count twice/],
  ])('given %j, then it refuses', (args, message) => {
    expect(() => parseSagaArgs(args)).toThrow(message);
  });
});
