import type { LogLevel } from '@billing/platform-config';
import pino, { type DestinationStream, type Level, type Logger as Pino } from 'pino';
import type { Logger } from '../service';
import { logContextFields } from './log-context';
import { REDACT_PATHS, REDACTED, scrubSecrets } from './log-secrets';

/** Where lines go instead of stdout (tests keep them): one JSON line each, without its newline. */
export type LogSink = (line: string) => void;

export interface LoggerOptions {
  /** The lowest level written (default info). */
  readonly level?: LogLevel;
  /** Default: stdout. */
  readonly sink?: LogSink;
  /** A pino destination instead (a file: `pino.destination(path)`). */
  readonly destination?: DestinationStream;
  /** Human-readable lines (pino-pretty, a development dependency) instead of JSON. */
  readonly pretty?: boolean;
  /** On every line: a component name, an instance id. */
  readonly fields?: Record<string, unknown>;
}

/**
 * The `Logger` seam over pino: one JSON object per line with time, level, service and
 * message, then the fields given; the request id and trace id of the work in hand
 * (`runInLogContext`, the active span); errors (under `error` or `err`) with their stack
 * and cause chain; secrets redacted by field name and by shape.
 */
export class PinoLogger implements Logger {
  constructor(readonly pino: Pino) {}

  trace(message: string, fields?: Record<string, unknown>): void {
    this.write('trace', message, fields);
  }

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

  fatal(message: string, fields?: Record<string, unknown>): void {
    this.write('fatal', message, fields);
  }

  /** The same logger with fields added to every line. */
  with(fields: Record<string, unknown>): PinoLogger {
    return new PinoLogger(this.pino.child(fields));
  }

  private write(level: Level, message: string, fields: Record<string, unknown> | undefined): void {
    if (fields) this.pino[level](fields, message);
    else this.pino[level](message);
  }
}

/** A logger for `service` (its name on every line). */
export function createLogger(service: string, options: LoggerOptions = {}): PinoLogger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { service, ...options.fields },
      messageKey: 'message',
      errorKey: 'error',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.errWithCause, err: pino.stdSerializers.errWithCause },
      mixin: logContextFields,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      hooks: { streamWrite: scrubSecrets },
    },
    destinationOf(options),
  );
  return new PinoLogger(logger);
}

/** Stdout, one stream for every logger of the process: asynchronous writes (flushed when the process exits) keep the hot path off the terminal. */
let stdout: DestinationStream | undefined;
let prettyStdout: DestinationStream | undefined;

function destinationOf(options: LoggerOptions): DestinationStream {
  const { sink } = options;
  if (options.destination) return options.destination;
  if (sink) return { write: (line: string) => sink(line.endsWith('\n') ? line.slice(0, -1) : line) };
  if (options.pretty) return (prettyStdout ??= pino.transport({ target: 'pino-pretty', options: { messageKey: 'message', singleLine: true } }) as DestinationStream);
  return (stdout ??= pino.destination({ dest: 1, sync: false }));
}

/** The pino logger under `logger`, for a framework that takes one (Fastify); a silent one when it is not pino's. */
export const pinoOf = (logger: Logger): Pino => (logger instanceof PinoLogger ? logger.pino : pino({ level: 'silent' }));

/** Swallows everything: for benchmarks that measure without the cost of logging. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
