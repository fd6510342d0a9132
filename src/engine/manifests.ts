/**
 * Splitting rendered files into manifests and ordering them like Helm's releaseutil:
 * documents split on `---` lines, each parsed for apiVersion/kind/metadata (invalid YAML is an
 * error), hooks (helm.sh/hook annotation) separated from the rest, both sorted by install
 * order of kinds (stable; unknown kinds after known ones, alphabetically).
 */
import { HcpError } from "../errors.ts";

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

/** Helm 4.1.4's separator: `---` at the start or after a newline, with surrounding space. */
const SEP = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;

/** Go's strings.TrimSpace (unicode.IsSpace on both ends). */
function trimSpace(s: string): string {
  return s.replace(
    /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g,
    "",
  );
}

/** Helm's SplitManifests: documents in order, trimmed, empty ones dropped. */
export function splitManifests(text: string): string[] {
  const out: string[] = [];
  for (const d of trimSpace(text).split(SEP)) {
    if (d === "") continue;
    const t = trimSpace(d);
    out.push(t);
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
