/**
 * Template errors with Go's exact message shapes:
 * parse `template: NAME:LINE: MSG` and execution
 * `template: NAME:LINE:COL: executing "NAME" at <CONTEXT>: MSG`.
 */
import { HcpError } from "../errors.ts";
import { goQuote } from "./fmt.ts";

/** What went wrong, for callers that re-format Go's message (Helm's engine does). */
export interface TemplateErrorDetails {
  /** The template (file) name in the position, e.g. "mychart/templates/x.yaml". */
  readonly templateName: string;
  readonly line: number;
  /** 0-based byte column as Go prints it; undefined for parse errors. */
  readonly column?: number;
  /** The executing template's name (`executing "NAME"`); exec errors only. */
  readonly executing?: string;
  /** The node printed back to source, truncated as Go does; exec errors only. */
  readonly context?: string;
  /** The message after the position and context. */
  readonly reason: string;
}

/** A text/template parse or execution error; `message` is Go's text byte for byte. */
export class TemplateError extends HcpError {
  readonly details: TemplateErrorDetails;
  constructor(
    code: "TEMPLATE_PARSE" | "TEMPLATE_EXEC",
    details: TemplateErrorDetails,
    cause?: unknown,
  ) {
    super(code, formatTemplateError(details), {
      file: details.templateName,
      line: details.line,
      ...(details.column === undefined ? {} : { column: details.column }),
      ...(cause === undefined ? {} : { cause }),
    });
    this.name = "TemplateError";
    this.details = details;
  }
}

function formatTemplateError(d: TemplateErrorDetails): string {
  if (d.column === undefined) return `template: ${d.templateName}:${d.line}: ${d.reason}`;
  if (d.executing === undefined) return `template: ${d.templateName}: ${d.reason}`;
  const at = d.context === undefined ? "" : ` at <${d.context}>`;
  return `template: ${d.templateName}:${d.line}:${d.column}: executing ${goQuote(d.executing)}${at}: ${d.reason}`;
}
