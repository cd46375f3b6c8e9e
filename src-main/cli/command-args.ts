import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestOption } from './closest-option';

/** A negative number as people type one ("-5", "-0.5"). */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

/**
 * parseArgs, except that a negative number after an option that takes a value is that value:
 * "--timeout -5" reads as "--timeout=-5", so the option's own check says which range it takes
 * instead of parseArgs' "argument is ambiguous". Anything else that starts with "-" is still an
 * option; nothing after "--" is touched. Throws as parseArgs does.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const options = config.options ?? {};
  const args = joinNegativeValues(config.args ?? [], options);
  try {
    return parseArgs({ ...config, args } as T);
  } catch (error) {
    throw withSuggestion(error, Object.keys(options));
  }
}

/**
 * parseArgs' unknown-option error with the nearest known option named: 'unknown option
 * "--jsn" — did you mean --json?'. Other errors pass through unchanged (main.ts words them).
 */
function withSuggestion(error: unknown, known: readonly string[]): unknown {
  if (!(error instanceof TypeError) || !('code' in error) || error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error;
  const typed = /'(-{1,2}[^'=]+)/.exec(error.message)?.[1];
  if (typed === undefined) return error;
  const suggestion = closestOption(typed.replace(/^-+/, ''), known);
  const better = new TypeError(`unknown option "${typed}"${suggestion === null ? '' : ` — did you mean --${suggestion}?`}`);
  return Object.assign(better, { code: error.code });
}

/** The arguments with "--option -5" (or "-o -5") turned into "--option=-5" for options that take a value. */
export function joinNegativeValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') {
      joined.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const name = optionNamed(arg, options);
    if (name !== null && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`--${name}=${next}`);
      i += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function optionNamed(arg: string, options: NonNullable<ParseArgsConfig['options']>): string | null {
  if (arg.startsWith('--') && !arg.includes('=')) return arg.slice(2) in options ? arg.slice(2) : null;
  if (/^-[^-]$/.test(arg)) return Object.entries(options).find(([, o]) => o.short === arg.slice(1))?.[0] ?? null;
  return null;
}
