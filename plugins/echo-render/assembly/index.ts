// echo-render: a render/v1 example. Prefixes each matched file with two comment lines (the
// plugin's name and the release name) and renders `x.echo` as `x.yaml`.
import { RenderOutput, runRenderPlugin, SourceFile } from "../../lib/assembly/io";
import { JValue } from "../../lib/assembly/json";

function render(input: JValue, files: SourceFile[], result: RenderOutput): void {
  const release = input.path("release.name");
  const releaseName = release == null ? "" : release.format();
  for (let i = 0; i < files.length; i++) {
    const name = files[i].name;
    const target = name.endsWith(".echo") ? name.slice(0, name.length - 5) + ".yaml" : name;
    result.render(
      target,
      "# Rendered by echo-render\n# Release: " + releaseName + "\n" + files[i].text,
    );
  }
}

export function helm_plugin_main(): i32 {
  return runRenderPlugin("echo-render", render);
}
