/**
 * OCI references: `oci://host[:port]/repo/path[:tag|@digest]` parsed and printed back.
 * Grammar follows the distribution reference rules (lower-case path components, tag up to
 * 128 word characters, `sha256:` digests) that Helm's ORAS-based client enforces.
 */
import { HcpError } from "../errors.ts";

/** A parsed OCI reference. `tag` and `digest` may both be absent (a bare repository). */
export interface Reference {
  /** host or host:port, as written. */
  readonly registry: string;
  /** repository path without the registry, e.g. `plugins/echo`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** The `oci://` scheme prefix. */
export const OCI_SCHEME = "oci://";

const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

function invalid(ref: string, why: string): HcpError {
  return new HcpError("OCI_INVALID_REFERENCE", `invalid OCI reference "${ref}": ${why}`, {
    hint: "write it as oci://host[:port]/path/name:tag (or @sha256:<hex>)",
  });
}

/** Reports whether `source` names an OCI artifact (starts with `oci://`). */
export function isOciReference(source: string): boolean {
  return source.startsWith(OCI_SCHEME);
}

/**
 * Parses `oci://host[:port]/repo[:tag][@digest]` (the scheme is optional).
 * @throws HcpError OCI_INVALID_REFERENCE
 */
export function parseReference(ref: string): Reference {
  const raw = ref.startsWith(OCI_SCHEME) ? ref.slice(OCI_SCHEME.length) : ref;
  const slash = raw.indexOf("/");
  if (slash <= 0) throw invalid(ref, "missing repository path after the registry host");
  const registry = raw.slice(0, slash);
  if (!HOST.test(registry)) throw invalid(ref, `bad registry host "${registry}"`);
  let rest = raw.slice(slash + 1);
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid(ref, `bad digest "${digest}"`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.indexOf(":", lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(ref, `bad tag "${tag}"`);
  }
  if (rest === "") throw invalid(ref, "missing repository path after the registry host");
  for (const part of rest.split("/")) {
    if (!PATH_COMPONENT.test(part)) {
      throw invalid(ref, `bad repository path component "${part}" (lower-case a-z, 0-9, ., _, -)`);
    }
  }
  return {
    registry,
    repository: rest,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** Prints a reference back as `oci://registry/repository[:tag][@digest]`. */
export function formatReference(ref: Reference): string {
  const tag = ref.tag === undefined ? "" : `:${ref.tag}`;
  const digest = ref.digest === undefined ? "" : `@${ref.digest}`;
  return `${OCI_SCHEME}${ref.registry}/${ref.repository}${tag}${digest}`;
}

/** The last path segment of the repository (Helm's plugin name for OCI sources). */
export function repositoryBaseName(ref: Reference): string {
  const parts = ref.repository.split("/");
  return parts[parts.length - 1] ?? ref.repository;
}

/** Reports whether `tag` is a valid OCI tag (Helm maps `+` in versions to `_`). */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}
