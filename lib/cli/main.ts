// `switchboard <command>`: finds the command, parses its options, runs it, and turns every
// failure into a readable message and an exit code (2: wrong usage, 1: the command failed, or
// the command's own CommandFailure code).
import { DataDirLockedError } from '@/db/lock';
import { ApiError, isDatabaseUnavailable } from '@/lib/api/errors';
import {
  CommandFailure,
  commandName,
  formatCommandHelp,
  parseCommandArgs,
  UsageError,
  type Command,
  type CommandContext,
} from './command';
import { COMMANDS } from './commands';
import { describeStore } from './database';

function overallHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length)) + 2;
  return [
    'Switchboard: reliability dashboard for LLM features.',
    '',
    'Usage: npx switchboard <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}${c.summary}`),
    `  ${'help [command]'.padEnd(width)}Shows this list, or one command's options.`,
    '',
    'Configuration comes from the environment: DATABASE_URL (a Postgres server; without it the',
    'embedded database in SWITCHBOARD_DATA_DIR, default .data). Run `npx switchboard <command> --help` for details.',
  ].join('\n');
}

/** The command named by the leading words of argv, and the rest of argv. */
function findCommand(argv: string[]): { command?: Command; rest: string[]; words: string[] } {
  for (const command of COMMANDS) {
    if (command.path.every((word, i) => argv[i] === word))
      return { command, rest: argv.slice(command.path.length), words: command.path };
  }
  const firstOption = argv.findIndex((a) => a.startsWith('-'));
  return { rest: argv, words: argv.slice(0, firstOption === -1 ? 2 : Math.min(firstOption, 2)) };
}

function unknownCommand(words: string[]): UsageError {
  const group = COMMANDS.filter((c) => c.path.length > 1 && c.path[0] === words[0]);
  if (group.length) {
    const options = group.map((c) => c.path[1]).join(', ');
    return new UsageError(
      words.length > 1
        ? `Unknown command "${words.join(' ')}": ${words[0]} takes one of ${options}.`
        : `"${words[0]}" needs a subcommand: one of ${options}.`,
    );
  }
  return new UsageError(`Unknown command "${words[0]}". Run \`npx switchboard help\` for the list.`);
}

function explainFailure(err: unknown): string {
  if (err instanceof DataDirLockedError) {
    return `${err.message}\nThe server applies migrations itself when it starts; users and API keys can also be managed under Settings in the app.`;
  }
  if (err instanceof ApiError) return err.message; // its field errors restate it for forms
  if (isDatabaseUnavailable(err)) {
    return `Cannot reach ${describeStore()}: ${(err as Error).message}. Is it running, and is DATABASE_URL right?`;
  }
  return err instanceof Error ? err.message : String(err);
}

export async function main(argv: string[], context: CommandContext): Promise<number> {
  if (argv.length === 0) {
    console.error(overallHelp());
    return 2;
  }
  if (['help', '--help', '-h'].includes(argv[0])) {
    const { command, words } = findCommand(argv.slice(1));
    if (argv.length === 1) console.log(overallHelp());
    else if (command) console.log(formatCommandHelp(command));
    else return usageFailure(unknownCommand(words));
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    const { version } = (await import('../../package.json')).default;
    console.log(version);
    return 0;
  }
  const { command, rest, words } = findCommand(argv);
  try {
    if (!command) throw unknownCommand(words);
    const input = parseCommandArgs(command, rest);
    if (input === 'help') {
      console.log(formatCommandHelp(command));
      return 0;
    }
    return (await command.run(input, context)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err, err.command ?? command);
    if (err instanceof CommandFailure) {
      console.error(`switchboard: ${err.message}`);
      return err.exitCode;
    }
    console.error(`switchboard: ${explainFailure(err)}`);
    return 1;
  }
}

function usageFailure(err: UsageError, command?: Command): number {
  const lines = [`switchboard: ${err.message.split('\n').join('\nswitchboard: ')}`];
  if (command) {
    lines.push(`Usage: ${commandName(command)}${command.usage ? ` ${command.usage}` : ''}`);
    lines.push(`Run \`npx ${commandName(command)} --help\` for details.`);
  }
  console.error(lines.join('\n'));
  return 2;
}
