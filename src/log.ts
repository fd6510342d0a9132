/**
 * Logger: levelled, key=value diagnostics on stderr. Injected everywhere; enabled at debug
 * level by --debug or HELM_DEBUG. Leaf module.
 */

/** Structured fields attached to a log line. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where diagnostics go. Never stdout: stdout carries only a command's result. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  readonly debugEnabled: boolean;
}

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return "";
  let out = "";
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = String(value);
    out += ` ${key}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
  }
  return out;
}

/** Creates a logger writing lines to `write` (normally stderr). */
export function createLogger(write: (line: string) => void, debugEnabled: boolean): Logger {
  return {
    debugEnabled,
    debug(message, fields) {
      if (debugEnabled)
        write(`level=DEBUG msg=${JSON.stringify(message)}${formatFields(fields)}\n`);
    },
    info(message, fields) {
      write(`${message}${formatFields(fields)}\n`);
    },
    warn(message, fields) {
      write(`WARNING: ${message}${formatFields(fields)}\n`);
    },
  };
}

/** A logger that drops everything (tests, pure callers). */
export const NULL_LOGGER: Logger = {
  debugEnabled: false,
  debug() {},
  info() {},
  warn() {},
};
