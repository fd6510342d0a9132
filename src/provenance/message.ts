/**
 * The provenance message block (Helm's pkg/provenance): a metadata part, a `...` line, and a
 * YAML `files:` part mapping the archive's base name to `sha256:<hex>`. Pure: bytes and
 * strings in, values out. Helm never checks the metadata part, so neither do we.
 */
import { parse as parseYaml } from "yaml";
import { HcpError } from "../errors.ts";

/** The files part of a message block (Helm's SumCollection). */
export interface SumCollection {
  readonly files: Readonly<Record<string, string>>;
}

/** What goes into a message block. */
export interface MessageBlockInput {
  /** Metadata part, YAML text ending with a newline ("" for none). */
  readonly metadata: string;
  /** Base name of the archive as it will be verified. */
  readonly filename: string;
  /** `sha256:<64 lower-case hex>` of the archive bytes. */
  readonly digest: string;
}

/** Characters YAML would read as something other than a plain scalar in a key. */
function yamlKey(name: string): string {
  return /^[A-Za-z0-9._+-]+$/.test(name) && !/^[-.]/.test(name) ? name : JSON.stringify(name);
}

/**
 * Builds the text Helm signs: metadata, `...`, then `files:` with one entry. Byte-identical
 * to Helm's layout for a plain file name (metadata + "\n...\n" + "files:\n  <name>: <digest>\n").
 */
export function buildMessageBlock(input: MessageBlockInput): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(input.digest)) {
    throw new HcpError("PROV_BAD_DIGEST", `invalid archive digest "${input.digest}"`);
  }
  const metadata =
    input.metadata === "" || input.metadata.endsWith("\n") ? input.metadata : `${input.metadata}\n`;
  return `${metadata}\n...\nfiles:\n  ${yamlKey(input.filename)}: ${input.digest}\n`;
}

/**
 * Splits a signed text into its `...`-separated parts (Helm: at least two, extra ignored).
 * @throws HcpError PROV_MALFORMED `message block must have at least two parts`
 */
export function splitMessageBlock(text: string): [string, string] {
  const at = text.indexOf("\n...\n");
  if (at < 0) {
    throw new HcpError("PROV_MALFORMED", "message block must have at least two parts", {
      hint: "the signed text needs a metadata part, a line with `...`, and a `files:` part",
    });
  }
  const rest = text.slice(at + 5);
  const next = rest.indexOf("\n...\n");
  return [text.slice(0, at), next < 0 ? rest : rest.slice(0, next)];
}

/**
 * Words a YAML error like Go's yaml.v2 where the difference is only wording (an unclosed flow
 * collection, Helm's test vector), else the yaml package's own first line.
 */
function yamlReason(text: string, err: unknown): string {
  const message = err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
  const line = text.split("\n").length;
  if (/^Flow sequence .* end with a \]/.test(message)) {
    return `line ${line}: did not find expected ',' or ']'`;
  }
  if (/^Flow map .* end with a \}/.test(message)) {
    return `line ${line}: did not find expected ',' or '}'`;
  }
  return message;
}

const CANONICAL_FILES =
  /^files:\n((?: {2}[A-Za-z0-9_][A-Za-z0-9._+-]*: sha256:[0-9a-f]{64}\n)+)\s*$/;

/**
 * The files part exactly as Helm and hcp write it (plain names, one digest each), read
 * without the YAML parser; anything else returns undefined and takes the YAML path.
 */
function parseCanonicalFiles(part: string): SumCollection | undefined {
  const match = CANONICAL_FILES.exec(part);
  if (!match) return undefined;
  const files: Record<string, string> = Object.create(null);
  for (const line of (match[1] ?? "").split("\n")) {
    if (line === "") continue;
    const at = line.indexOf(": ");
    const name = line.slice(2, at);
    if (Object.hasOwn(files, name)) return undefined;
    files[name] = line.slice(at + 2);
  }
  return { files };
}

/**
 * Parses the files part (YAML or JSON, read with JSON rules as Helm does).
 * @throws HcpError PROV_BAD_YAML (`error converting YAML to JSON: yaml: …`)
 */
export function parseSumCollection(part: string): SumCollection {
  const fast = parseCanonicalFiles(part);
  if (fast !== undefined) return fast;
  let doc: unknown;
  try {
    doc = parseYaml(part, { uniqueKeys: true, maxAliasCount: 0, prettyErrors: false });
  } catch (err) {
    throw new HcpError(
      "PROV_BAD_YAML",
      `error converting YAML to JSON: yaml: ${yamlReason(part, err)}`,
    );
  }
  if (doc === null || doc === undefined) return { files: {} };
  if (typeof doc !== "object" || Array.isArray(doc)) {
    throw new HcpError(
      "PROV_BAD_YAML",
      "error unmarshaling JSON: the files part of the provenance is not a mapping",
    );
  }
  const files = (doc as Record<string, unknown>).files;
  if (files === undefined || files === null) return { files: {} };
  if (typeof files !== "object" || Array.isArray(files)) {
    throw new HcpError("PROV_BAD_YAML", "error unmarshaling JSON: `files` is not a mapping");
  }
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(files as Record<string, unknown>)) {
    if (typeof value !== "string") {
      throw new HcpError(
        "PROV_BAD_YAML",
        `error unmarshaling JSON: the digest of "${name}" is not a string`,
      );
    }
    out[name] = value;
  }
  return { files: out };
}

/**
 * Checks that the signed files part names `filename` with exactly `digest` (Helm's compare:
 * exact, case-sensitive, `sha256:` prefix required).
 * @throws HcpError PROV_FILE_NOT_LISTED, PROV_HASH_MISMATCH
 */
export function checkFileDigest(sums: SumCollection, filename: string, digest: string): void {
  const signed = Object.hasOwn(sums.files, filename) ? sums.files[filename] : undefined;
  if (signed === undefined) {
    throw new HcpError(
      "PROV_FILE_NOT_LISTED",
      `provenance does not contain a SHA for a file named "${filename}"`,
      { hint: "the .prov was made for another file name; keep the archive's original name" },
    );
  }
  if (signed !== digest) {
    throw new HcpError(
      "PROV_HASH_MISMATCH",
      `sha256 sum does not match for ${filename}: "${signed}" != "${digest}"`,
      { hint: "the archive was changed after it was signed; do not trust it" },
    );
  }
}

/**
 * Helm's signing-status rule (§10.2): some files entry whose key CONTAINS `needle` and whose
 * value is exactly `digest`. Returns false instead of throwing.
 */
export function hasMatchingEntry(text: string, needle: string, digest: string): boolean {
  try {
    const [, part] = splitMessageBlock(text);
    const { files } = parseSumCollection(part);
    return Object.entries(files).some(([name, value]) => name.includes(needle) && value === digest);
  } catch {
    return false;
  }
}
