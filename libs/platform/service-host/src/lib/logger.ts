import type { Logger } from './service';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;

const RANK: Record<LogLevel, number> = { debug: -1, info: 0, warn: 1, error: 2 };

/**
 * One JSON object per line: time, level, service, message, then the fields given
 * (a correlation id among them where there is one). Errors become their message.
 */
export class JsonLogger implements Logger {
  constructor(
    private readonly service: string,
    private readonly sink: LogSink = (line) => process.stdout.write(`${line}\n`),
    private readonly minimum: LogLevel = 'info',
    private readonly bound: Record<string, unknown> = {},
  ) {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  /** The same logger with fields added to every line (a component name, an instance id). */
  with(fields: Record<string, unknown>): JsonLogger {
    return new JsonLogger(this.service, this.sink, this.minimum, { ...this.bound, ...fields });
  }

  private write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (RANK[level] < RANK[this.minimum]) return;
    const line = { time: new Date().toISOString(), level, service: this.service, message, ...this.bound, ...fields };
    this.sink(JSON.stringify(line, (_key, value: unknown) => (value instanceof Error ? value.message : value)));
  }
}

/** Swallows everything: for benchmarks that measure without the cost of logging. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
