/** Extracting the comparable part of a Helm (or hcp) template error message. */

/**
 * The innermost Go error text of a Helm failure: for exec errors the reason after the last
 * `executing "…" at <…>:`, for parse errors Go's "template: FILE:LINE: …" line.
 */
export function innermostError(stderr: string): string {
  const text = stderr.replace(/\n\nUse --debug flag to render out invalid YAML\n?$/, "").trimEnd();
  const exec = /^Error: execution error at \([^)]*\):\s?([\s\S]*)$/.exec(text);
  if (exec) return exec[1]!;
  const parse = /^Error: parse error at \(([^)]*)\): ([\s\S]*)$/.exec(text);
  if (parse) return `template: ${parse[1]}: ${parse[2]}`;
  const marks = [...text.matchAll(/executing "[^"]*" at <(?:[^>]|>(?!:))*>:\s+/g)];
  const last = marks[marks.length - 1];
  if (last === undefined) return text.replace(/^Error: /, "");
  return text.slice(last.index! + last[0].length);
}

