/**
 * Splitting rendered files into manifests and ordering them like Helm's releaseutil:
 * documents split on `---` lines, each parsed for apiVersion/kind/metadata (invalid YAML is an
 * error), hooks (helm.sh/hook annotation) separated from the rest, both sorted by install
 * order of kinds (stable; unknown kinds after known ones, alphabetically).
 */

/** What the sorter reads from a manifest (Helm's SimpleHead). */
export interface ManifestHead {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>> | undefined;
}

/** Parses a manifest's head; throws Helm's `YAML parse error on PATH: …` on invalid YAML. */
export type ParseManifestHead = (doc: string, path: string) => ManifestHead;

/** A non-hook manifest. */
export interface Manifest {
  readonly name: string;
  readonly content: string;
  readonly head: ManifestHead;
}

/** A hook manifest. */
export interface Hook {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly manifest: string;
  readonly events: readonly string[];
  readonly weight: number;
}

/** Kinds in Helm's install order. */
export const INSTALL_ORDER: readonly string[] = [
  "PriorityClass",
  "Namespace",
  "NetworkPolicy",
  "ResourceQuota",
  "LimitRange",
  "PodSecurityPolicy",
  "PodDisruptionBudget",
  "ServiceAccount",
  "Secret",
  "SecretList",
  "ConfigMap",
  "StorageClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleList",
  "ClusterRoleBinding",
  "ClusterRoleBindingList",
  "Role",
  "RoleList",
  "RoleBinding",
  "RoleBindingList",
  "Service",
  "DaemonSet",
  "Pod",
  "ReplicationController",
  "ReplicaSet",
  "Deployment",
  "HorizontalPodAutoscaler",
  "StatefulSet",
  "Job",
  "CronJob",
  "IngressClass",
  "Ingress",
  "APIService",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
];

const ORDER = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

const HOOK_EVENTS = new Set([
  "pre-install",
  "post-install",
  "pre-delete",
  "post-delete",
  "pre-upgrade",
  "post-upgrade",
  "pre-rollback",
  "post-rollback",
  "test",
]);

/** The `test` hook event. */
export const HOOK_TEST = "test";

/** Go's unicode.IsSpace. */
function isUnicodeSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** RE2's `\s`: [\t\n\f\r ]. */
function isRe2Space(c: number): boolean {
  return c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
}

/** Go's strings.TrimSpace, without regular expressions (documents can be megabytes). */
function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isUnicodeSpace(s.charCodeAt(a))) a++;
  while (b > a && isUnicodeSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * Helm 4.1.4's SplitManifests: split on the regexp `(?:^|\s*\n)---\s*`, trim each document,
 * drop empty ones. Done by scanning for "\n---" (a regexp here is quadratic in indentation).
 */
export function splitManifests(text: string): string[] {
  const s = trimSpace(text);
  const pieces: string[] = [];
  let last = 0;
  if (s.startsWith("---")) {
    let e = 3;
    while (e < s.length && isRe2Space(s.charCodeAt(e))) e++;
    pieces.push("");
    last = e;
  }
  for (;;) {
    const i = s.indexOf("\n---", last);
    if (i < 0) break;
    let start = i;
    while (start > last && isRe2Space(s.charCodeAt(start - 1))) start--;
    let e = i + 4;
    while (e < s.length && isRe2Space(s.charCodeAt(e))) e++;
    pieces.push(s.slice(last, start));
    last = e;
  }
  pieces.push(s.slice(last));
  const out: string[] = [];
  for (const d of pieces) {
    if (d === "") continue;
    out.push(trimSpace(d));
  }
  return out;
}

/** The result of sortManifests. */
export interface SortedManifests {
  readonly hooks: Hook[];
  readonly manifests: Manifest[];
}

/**
 * Sorts rendered files (name → content) into hooks and manifests in install order.
 * @throws HcpError TEMPLATE_YAML (`YAML parse error on FILE: …`).
 */
export function sortManifests(
  files: ReadonlyMap<string, string>,
  parseHead: ParseManifestHead,
): SortedManifests {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  const manifestKinds: string[] = [];
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path) as string;
    if (path.slice(path.lastIndexOf("/") + 1).startsWith("_")) continue;
    if (content.trim() === "") continue;
    for (const m of splitManifests(content)) {
      const head = parseHead(m, path);
      const hookTypes = head.annotations?.["helm.sh/hook"];
      if (head.annotations === undefined || hookTypes === undefined) {
        manifests.push({ name: path, content: m, head });
        manifestKinds.push(head.kind);
        continue;
      }
      const events: string[] = [];
      let unknown = false;
      for (const raw of hookTypes.split(",")) {
        let t = raw.trim().toLowerCase();
        if (t === "test-success") t = HOOK_TEST;
        if (!HOOK_EVENTS.has(t)) {
          unknown = true;
          break;
        }
        events.push(t);
      }
      if (unknown) continue;
      const weightText = head.annotations["helm.sh/hook-weight"] ?? "";
      const weight = /^[+-]?\d+$/.test(weightText) ? Number(weightText) : 0;
      hooks.push({ name: head.name, kind: head.kind, path, manifest: m, events, weight });
    }
  }
  return {
    hooks: sortByKind(
      hooks,
      hooks.map((h) => h.kind),
    ),
    manifests: sortByKind(manifests, manifestKinds),
  };
}

/**
 * Helm's stable sort by install order: known kinds in INSTALL_ORDER, then unknown kinds by
 * name, ties in input order. Known kinds go into one bucket per rank (no comparator calls,
 * which cost n log n calls cold); only unknown kinds are sorted (Array#sort is stable).
 */
function sortByKind<T>(items: T[], kinds: readonly string[]): T[] {
  if (items.length < 2) return items;
  const buckets: T[][] = [];
  const unknown: { kind: string; item: T }[] = [];
  for (let i = 0; i < items.length; i++) {
    const kind = kinds[i] as string;
    const rank = ORDER.get(kind);
    if (rank === undefined) unknown.push({ kind, item: items[i] as T });
    else {
      const bucket = buckets[rank];
      if (bucket === undefined) buckets[rank] = [items[i] as T];
      else bucket.push(items[i] as T);
    }
  }
  const out: T[] = [];
  for (const bucket of buckets) if (bucket !== undefined) for (const item of bucket) out.push(item);
  if (unknown.length > 1) unknown.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  for (const u of unknown) out.push(u.item);
  return out;
}
