/**
 * `.Capabilities` for client-side rendering: the Kubernetes version (Helm 4.1.4 defaults to
 * v1.35.0, or `--kube-version`), the API versions Helm knows plus `--api-versions`, and the
 * Helm version this tool is compatible with.
 */
import { HcpError } from "../errors.ts";
import { GoStruct, goFunc, withMethods } from "../template/value.ts";

/** The default Kubernetes version of Helm v4.1.4's client-only rendering. */
export const DEFAULT_KUBE_VERSION = "v1.35.0";

/** API group/versions Helm 4.1.4 reports by default, in its order. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  "v1",
  "admissionregistration.k8s.io/v1",
  "admissionregistration.k8s.io/v1alpha1",
  "admissionregistration.k8s.io/v1beta1",
  "internal.apiserver.k8s.io/v1alpha1",
  "apps/v1",
  "apps/v1beta1",
  "apps/v1beta2",
  "authentication.k8s.io/v1",
  "authentication.k8s.io/v1alpha1",
  "authentication.k8s.io/v1beta1",
  "authorization.k8s.io/v1",
  "authorization.k8s.io/v1beta1",
  "autoscaling/v1",
  "autoscaling/v2",
  "autoscaling/v2beta1",
  "autoscaling/v2beta2",
  "batch/v1",
  "batch/v1beta1",
  "certificates.k8s.io/v1",
  "certificates.k8s.io/v1beta1",
  "certificates.k8s.io/v1alpha1",
  "coordination.k8s.io/v1alpha2",
  "coordination.k8s.io/v1beta1",
  "coordination.k8s.io/v1",
  "discovery.k8s.io/v1",
  "discovery.k8s.io/v1beta1",
  "events.k8s.io/v1",
  "events.k8s.io/v1beta1",
  "extensions/v1beta1",
  "flowcontrol.apiserver.k8s.io/v1",
  "flowcontrol.apiserver.k8s.io/v1beta1",
  "flowcontrol.apiserver.k8s.io/v1beta2",
  "flowcontrol.apiserver.k8s.io/v1beta3",
  "networking.k8s.io/v1",
  "networking.k8s.io/v1beta1",
  "node.k8s.io/v1",
  "node.k8s.io/v1alpha1",
  "node.k8s.io/v1beta1",
  "policy/v1",
  "policy/v1beta1",
  "rbac.authorization.k8s.io/v1",
  "rbac.authorization.k8s.io/v1beta1",
  "rbac.authorization.k8s.io/v1alpha1",
  "resource.k8s.io/v1",
  "resource.k8s.io/v1beta2",
  "resource.k8s.io/v1beta1",
  "resource.k8s.io/v1alpha3",
  "scheduling.k8s.io/v1alpha1",
  "scheduling.k8s.io/v1beta1",
  "scheduling.k8s.io/v1",
  "storage.k8s.io/v1beta1",
  "storage.k8s.io/v1",
  "storage.k8s.io/v1alpha1",
  "storagemigration.k8s.io/v1beta1",
  "apiextensions.k8s.io/v1beta1",
  "apiextensions.k8s.io/v1",
];

/** Helm's BuildInfo that `.Capabilities.HelmVersion` reports (the version hcp mirrors). */
export const HELM_BUILD_INFO = {
  Version: "v4.1.4",
  GitCommit: "05fa37973dc9e42b76e1d2883494c87174b6074f",
  GitTreeState: "clean",
  GoVersion: "go1.25.9",
  KubeClientVersion: "v1.35",
} as const;

/** A parsed Kubernetes version. */
export interface KubeVersion {
  /** As given, with a "v" prefix ("v1.33.4-gke.1"). */
  readonly version: string;
  /** Normalised "vMAJOR.MINOR.PATCH" for constraint checks. */
  readonly normalized: string;
  readonly major: string;
  readonly minor: string;
}

/**
 * Parses a Kubernetes version like k8s.io's ParseGeneric ("1.20", "v1.20.3-gke.1").
 * @throws HcpError CLI_INVALID_KUBE_VERSION with Helm's message.
 */
export function parseKubeVersion(text: string): KubeVersion {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(text);
  if (!m || (m[4] !== "" && !/^[-+]/.test(m[4] ?? ""))) {
    throw new HcpError(
      "CLI_INVALID_KUBE_VERSION",
      `invalid kube version '${text}': could not parse "${text}" as version`,
    );
  }
  const major = BigInt(m[1] as string).toString();
  const minor = BigInt(m[2] as string).toString();
  const patch = BigInt(m[3] ?? "0").toString();
  return {
    version: text.startsWith("v") ? text : `v${text}`,
    normalized: `v${major}.${minor}.${patch}`,
    major,
    minor,
  };
}

/** The default Kubernetes version as a KubeVersion. */
export function defaultKubeVersion(): KubeVersion {
  return {
    version: DEFAULT_KUBE_VERSION,
    normalized: DEFAULT_KUBE_VERSION,
    major: "1",
    minor: "35",
  };
}

/** Builds `.Capabilities` (a *common.Capabilities). */
export function createCapabilities(kube: KubeVersion, apiVersions: readonly string[]): GoStruct {
  // A []string with Helm's VersionSet.Has: templates range over it and call Has on it.
  const known = new Set(apiVersions);
  const versions = withMethods(
    [...apiVersions],
    { Has: goFunc(["string"], ((v: string) => known.has(v)) as never) },
    "common.VersionSet",
  );
  // Helm's common.KubeVersion: String() is declared on *KubeVersion, so the struct prints as
  // String() in a template action but as {Version normalizedVersion Major Minor} once passed
  // to a function (`| quote`, printf, toString).
  const kubeVersion = new GoStruct(
    "common.KubeVersion",
    {
      Version: kube.version,
      normalizedVersion: kube.normalized,
      Major: kube.major,
      Minor: kube.minor,
    },
    {
      String: goFunc([], (() => kube.normalized) as never),
      GitVersion: goFunc([], (() => kube.version) as never),
    },
    { pointerMethods: ["String"] },
  );
  const helmVersion = new GoStruct(
    "version.BuildInfo",
    { ...HELM_BUILD_INFO },
    {},
    {
      jsonNames: {
        Version: "version",
        GitCommit: "git_commit",
        GitTreeState: "git_tree_state",
        GoVersion: "go_version",
        KubeClientVersion: "kube_client_version",
      },
    },
  );
  return new GoStruct("*common.Capabilities", {
    KubeVersion: kubeVersion,
    APIVersions: versions,
    HelmVersion: helmVersion,
  });
}
