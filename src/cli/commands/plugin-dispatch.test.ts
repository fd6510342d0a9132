import { expect, test } from "bun:test";
import type { GlobalFlags } from "../../settings/index.ts";
import { splitPluginArgs } from "./plugin-dispatch.ts";

interface Case {
  name: string;
  args: string[];
  plugin: string[];
  flags: GlobalFlags;
}

// Helm's manuallyProcessArgs (spec §6.1), with hcp's fix for the boolean TLS flag (§12 #13).
test.each<Case>([
  {
    name: "Helm's install/run-v1 vector",
    args: [
      "--namespace",
      "ns1",
      "a",
      "--flag",
      "b",
      "-n",
      "ns2",
      "--kube-context=ctx1",
      "--debug",
      "--",
      "--kubeconfig",
      "kc",
    ],
    plugin: ["a", "--flag", "b", "--"],
    flags: { namespace: "ns2", kubeContext: "ctx1", debug: true, kubeconfig: "kc" },
  },
  {
    name: "--kube-insecure-skip-tls-verify does not swallow the next argument",
    args: ["--kube-insecure-skip-tls-verify", "keep-me"],
    plugin: ["keep-me"],
    flags: { kubeInsecureSkipTlsVerify: true },
  },
  {
    name: "boolean flags accept =value",
    args: ["--debug=false", "--kube-insecure-skip-tls-verify=true", "x"],
    plugin: ["x"],
    flags: { debug: false, kubeInsecureSkipTlsVerify: true },
  },
  {
    name: "repeated --kube-as-group accumulates",
    args: ["--kube-as-group", "a", "--kube-as-group=b"],
    plugin: [],
    flags: { kubeAsGroup: ["a", "b"] },
  },
  {
    name: "a value flag at the end takes nothing",
    args: ["x", "--registry-config"],
    plugin: ["x"],
    flags: {},
  },
  {
    name: "--burst-limit and --qps take effect and still reach the plugin",
    args: ["--burst-limit", "5", "--qps=2.5", "-h", "--help", "--namespacex", "y"],
    plugin: ["--burst-limit", "5", "--qps=2.5", "-h", "--help", "--namespacex", "y"],
    flags: { burstLimit: 5, qps: 2.5 },
  },
])("splitPluginArgs(): $name", ({ args, plugin, flags }) => {
  const result = splitPluginArgs(args);
  expect(result.pluginArgs).toEqual(plugin);
  expect(result.flags).toEqual(flags);
});
