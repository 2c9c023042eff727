// How a CLI command is declared (its options, their validation, what it does) and how its
// arguments are parsed: node:util parseArgs for the syntax, zod for the values.
import { parseArgs } from 'node:util';
import type { z } from 'zod';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The placeholder in help, e.g. "E" in `--email E`. */
  value?: string;
  description: string;
}

export interface CommandContext {
  projectRoot: string;
  /** Where the user ran the command (the CLI itself runs in the project root). */
  callerCwd: string;
}

export interface Command<S extends z.ZodType = z.ZodType> {
  /** The words that name it: ['keys', 'create']. */
  path: string[];
  summary: string;
  /** What follows the command's name in the usage line. */
  usage?: string;
  /** Further paragraphs for `--help`. */
  help?: string[];
  options: Record<string, OptionSpec>;
  /** Names of required positional arguments, in order (`['file']`); they join the options by name. */
  positionals?: string[];
  /** Options that must be given (a clearer message than zod's for a missing value). */
  required?: string[];
  /** Validates the parsed options; keys are the option names. */
  schema: S;
  run(input: z.output<S>, context: CommandContext): Promise<number | void>;
}

export function defineCommand<S extends z.ZodType>(command: Command<S>): Command {
  return command as unknown as Command;
}

/** A failure with an exit code of its own, e.g. `slo apply`'s 3 (invalid file) and 4 (server refused). */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** Wrong arguments: the user can fix them. Exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const commandName = (command: Command) => `switchboard ${command.path.join(' ')}`;

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help.' };

/** Parses `argv` (what follows the command's name); `'help'` when the user asked for help. */
export function parseCommandArgs(command: Command, argv: string[]): unknown {
  const specs = { ...command.options, help: HELP_OPTION };
  let values: Record<string, unknown>;
  let positionals: string[];
  const names = command.positionals ?? [];
  try {
    const options = Object.fromEntries(
      Object.entries(specs).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]),
    );
    ({ values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: names.length > 0 }));
  } catch (err) {
    throw new UsageError(readableParseError(err as Error & { code?: string }), command);
  }
  if (values.help) return 'help';
  if (positionals.length > names.length)
    throw new UsageError(`Unexpected argument "${positionals[names.length]}".`, command);
  const absent = names.slice(positionals.length);
  if (absent.length) throw new UsageError(absent.map((name) => `Missing <${name}>.`).join('\n'), command);
  names.forEach((name, i) => (values[name] = positionals[i]));
  const missing = (command.required ?? []).filter((name) => values[name] === undefined);
  if (missing.length) {
    throw new UsageError(missing.map((name) => `Missing --${name}.`).join('\n'), command);
  }
  const parsed = command.schema.safeParse(values);
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error), command);
  return parsed.data;
}

/** "--email: Enter a valid e-mail address." lines, one per problem. */
export function describeIssues(error: z.ZodError, optionOf: (key: string) => string = (k) => `--${k}`): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${optionOf(String(issue.path[0]))}: ${issue.message}` : issue.message))
    .join('\n');
}

function readableParseError(err: Error & { code?: string }): string {
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = err.message.match(/'([^']+)'/)?.[1] ?? '';
    return `Unknown option ${option}.`;
  }
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = err.message.match(/'([^']+)'/)?.[1] ?? '';
    return `Unexpected argument "${arg}": this command takes only --options.`;
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = err.message.match(/'(-[^' ]+)/)?.[1];
    return option ? `${option} needs a value.` : err.message;
  }
  return err.message;
}

export function formatCommandHelp(command: Command): string {
  const lines = [`Usage: ${commandName(command)}${command.usage ? ` ${command.usage}` : ''}`, '', command.summary];
  for (const paragraph of command.help ?? []) lines.push('', paragraph);
  const specs = Object.entries({ ...command.options, help: HELP_OPTION });
  const labels = specs.map(
    ([name, spec]) => `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`,
  );
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  lines.push('', 'Options:');
  specs.forEach(([, spec], i) => lines.push(`  ${labels[i].padEnd(width)}${spec.description}`));
  return lines.join('\n');
}
