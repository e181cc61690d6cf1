import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliContext } from './command';
import { isBadInput } from './bad-input';

/** Dispatches `billing <command> ...` to the registered command; errors become exit codes. */
export async function runCli(argv: readonly string[], commands: readonly CliCommand[], context: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    context.stderr(helpText(commands));
    return EXIT_BAD_INPUT;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    context.stdout(helpText(commands));
    return EXIT_OK;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    context.stderr(`billing: unknown command ${JSON.stringify(name)}; try one of: ${commands.map((known) => known.name).join(', ')}\n`);
    return EXIT_BAD_INPUT;
  }
  if (args.includes('--help') || args.includes('-h')) {
    context.stdout(`usage: ${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    const message = messageOf(error);
    context.stderr(`billing ${name}: ${message.split('\n')[0]}\n`);
    return error instanceof UsageError || isBadInput(error) ? EXIT_BAD_INPUT : EXIT_FAILED;
  }
}

function helpText(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `usage: npm run billing -- <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

/** Read by shape, not class: errors thrown by Node built-ins may come from another realm. */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}
