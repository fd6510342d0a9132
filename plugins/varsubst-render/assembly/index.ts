// varsubst-render: a render/v1 stand-in for a Pkl engine. Replaces ${release.name},
// ${release.namespace}, ${chart.name}, ${chart.version}, ${values.replicas},
// ${values.image.repository} and ${values.image.tag} in every matched file (values printed
// like Go's %v; a token whose value is absent stays as it is) and renders `x.pkl` as `x.yaml`.
import { RenderOutput, runRenderPlugin, SourceFile } from "../../lib/assembly/io";
import { JValue } from "../../lib/assembly/json";

const TOKENS: string[] = [
  "release.name",
  "release.namespace",
  "chart.name",
  "chart.version",
  "values.replicas",
  "values.image.repository",
  "values.image.tag",
];

function substitute(text: string, input: JValue): string {
  let out = text;
  for (let i = 0; i < TOKENS.length; i++) {
    const value = input.path(TOKENS[i]);
    if (value == null) continue;
    out = out.replaceAll("${" + TOKENS[i] + "}", value.format());
  }
  return out;
}

function render(input: JValue, files: SourceFile[], result: RenderOutput): void {
  for (let i = 0; i < files.length; i++) {
    const name = files[i].name;
    const target = name.endsWith(".pkl") ? name.slice(0, name.length - 4) + ".yaml" : name;
    result.render(target, substitute(files[i].text, input));
  }
}

export function helm_plugin_main(): i32 {
  return runRenderPlugin("varsubst-render", render);
}
