/**
 * HcpError: the one error type hcp raises on purpose. It carries a stable `code`
 * (domain prefix: CHART_, TEMPLATE_, PLUGIN_, OCI_, CACHE_, PROV_, REPO_, CLI_, ...),
 * optional position (file/line/column), an optional `hint` with the fix, and a `cause`.
 * Leaf module: anyone may import it; it imports nothing.
 */

/** Where an error points to, and how to fix it. */
export interface HcpErrorOptions {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly cause?: unknown;
  /** Process exit code to use when this error ends the command (default 1, as Helm). */
  readonly exitCode?: number;
}

/** An error with a stable code, a position and a hint; printed by the CLI as a chain. */
export class HcpError extends Error {
  readonly code: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: string, message: string, options: HcpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HcpError";
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Reports whether `err` is an HcpError, optionally with the given code. */
export function isHcpError(err: unknown, code?: string): err is HcpError {
  return err instanceof HcpError && (code === undefined || err.code === code);
}

/**
 * Formats an error and its causes joined by ": " like Go's wrapped errors.
 * A cause whose message is already the tail of its parent's message is not repeated.
 */
export function formatErrorChain(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth < 16; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    const last = parts[parts.length - 1];
    if (last === undefined || !last.endsWith(message)) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(": ");
}

/** Collects the first hint found along an error's cause chain. */
export function findHint(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 16; depth++) {
    if (current instanceof HcpError && current.hint) return current.hint;
    current = current.cause;
  }
  return undefined;
}

/** The exit code an error asks for (a plugin's own code is passed through), else 1. */
export function exitCodeOf(err: unknown): number {
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 16; depth++) {
    if (current instanceof HcpError && current.exitCode !== 1) return current.exitCode;
    current = current.cause;
  }
  return 1;
}
