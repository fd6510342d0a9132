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

function kindRank(kind: string): number | undefined {
  return ORDER.get(kind);
}

function lessByKind(a: string, b: string): number {
  const ra = kindRank(a);
  const rb = kindRank(b);
  if (ra === undefined && rb === undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (ra === undefined) return 1;
  if (rb === undefined) return -1;
  return ra - rb;
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
  for (const path of [...files.keys()].sort()) {
    const content = files.get(path) as string;
    if (path.slice(path.lastIndexOf("/") + 1).startsWith("_")) continue;
    if (content.trim() === "") continue;
    for (const m of splitManifests(content)) {
      const head = parseHead(m, path);
      const hookTypes = head.annotations?.["helm.sh/hook"];
      if (head.annotations === undefined || hookTypes === undefined) {
        manifests.push({ name: path, content: m, head });
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
    hooks: stableSort(hooks, (a, b) => lessByKind(a.kind, b.kind)),
    manifests: stableSort(manifests, (a, b) => lessByKind(a.head.kind, b.head.kind)),
  };
}

function stableSort<T>(items: T[], cmp: (a: T, b: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => cmp(a.item, b.item) || a.index - b.index)
    .map((x) => x.item);
}
