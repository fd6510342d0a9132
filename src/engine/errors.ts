/**
 * Helm's rewriting of template errors: parse errors become `parse error at (FILE:LINE): MSG`,
 * `fail`/`required` messages (wrapped in HELM_ERR_START…HELM_ERR_END) become
 * `execution error at (FILE:LINE:COL): MSG`, other execution errors a trace of locations.
 */
import { HcpError } from "../errors.ts";

const WARN_START = "HELM_ERR_START";
const WARN_END = "HELM_ERR_END";

/** Wraps a `fail`/`required` message so the renderer can find it again. */
export function warnWrap(message: string): string {
  return `${WARN_START}${message}${WARN_END}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Rewrites a template parse error like Helm's cleanupParseError. */
export function cleanupParseError(filename: string, err: unknown): HcpError {
  const tokens = messageOf(err).split(": ");
  if (tokens.length === 1) {
    return new HcpError("TEMPLATE_PARSE", `parse error in (${filename}): ${messageOf(err)}`, {
      cause: err,
    });
  }
  const location = tokens[1];
  const msg = tokens[tokens.length - 1];
  return new HcpError("TEMPLATE_PARSE", `parse error at (${location}): ${msg}`);
}

interface Traceable {
  readonly location: string;
  readonly message: string;
  readonly executedFunction: string;
}

function traceString(t: Traceable): string {
  let s = "";
  if (t.location !== "") s += `${t.location}\n  `;
  if (t.executedFunction !== "") s += `${t.executedFunction}\n    `;
  if (t.message !== "") s += `${t.message}\n`;
  return s;
}

function parseExecErrorString(s: string): Traceable | undefined {
  const prefix = "template: ";
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  if (rest.startsWith("no template ")) return { location: "", message: s, executedFunction: "" };
  const cutAt = rest.indexOf(": executing ");
  if (cutAt >= 0) {
    const templateName = rest.slice(0, cutAt);
    const after = rest.slice(cutAt + ": executing ".length);
    if (after.startsWith('"')) {
      const endQuote = after.indexOf('"', 1);
      if (endQuote > 0) {
        const fn = after.slice(1, endQuote);
        const afterFunc = after.slice(endQuote + 1);
        if (afterFunc.startsWith(" at <")) {
          const afterAt = afterFunc.slice(" at <".length);
          const sep = afterAt.indexOf(">: ");
          if (sep >= 0) {
            let msg = afterAt.slice(sep + 3);
            const cut = msg.indexOf(" template:");
            if (cut >= 0) msg = msg.slice(0, cut);
            return {
              location: templateName,
              message: msg,
              executedFunction: `executing "${fn}" at <${afterAt.slice(0, sep)}>:`,
            };
          }
        }
      }
    }
    return undefined;
  }
  const sep = rest.lastIndexOf(": ");
  if (sep >= 0) {
    let msg = rest.slice(sep + 2);
    const cut = msg.indexOf(" template:");
    if (cut >= 0) msg = msg.slice(0, cut);
    return { location: rest.slice(0, sep), message: msg, executedFunction: "" };
  }
  return undefined;
}

/** Rewrites a template execution error like Helm's reformatExecErrorMsg. */
export function reformatExecError(filename: string, err: unknown): unknown {
  const text = messageOf(err);
  if (!text.startsWith("template: ")) return err;
  const tokens = splitN(text, ": ", 3);
  if (tokens.length !== 3) {
    return new HcpError("TEMPLATE_EXEC", `execution error in (${filename}): ${text}`, {
      cause: err,
    });
  }
  const location = tokens[1] as string;
  const m = /HELM_ERR_START([\s\S]*)HELM_ERR_END/.exec(tokens[2] as string);
  if (m) {
    return new HcpError("TEMPLATE_EXEC", `execution error at (${location}): ${m[1]}`);
  }
  const traces: Traceable[] = [];
  let current: unknown = err;
  while (current !== undefined && current !== null) {
    const tr = parseExecErrorString(messageOf(current));
    if (tr === undefined) return err;
    const last = traces[traces.length - 1];
    if (
      last === undefined ||
      last.location !== tr.location ||
      last.message !== tr.message ||
      last.executedFunction !== tr.executedFunction
    ) {
      traces.push(tr);
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return new HcpError("TEMPLATE_EXEC", traces.map(traceString).join("").trim());
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
