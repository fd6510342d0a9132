// echo-render: a render/v1 example. Prefixes each matched file with two comment lines (the
// plugin's name and the release name) and renders `x.echo` as `x.yaml`.
import { inputText, outputText, RenderOutput, sourceFiles } from "../../lib/assembly/io";
import { parseJson } from "../../lib/assembly/json";

export function helm_plugin_main(): i32 {
  const result = new RenderOutput();
  const input = parseJson(inputText());
  if (input == null) {
    result.error("echo-render: the input is not valid JSON");
    outputText(result.json());
    return 1;
  }
  const release = input.path("release.name");
  const releaseName = release == null ? "" : release.format();
  const files = sourceFiles(input);
  for (let i = 0; i < files.length; i++) {
    const name = files[i].name;
    const target = name.endsWith(".echo") ? name.slice(0, name.length - 5) + ".yaml" : name;
    result.render(
      target,
      "# Rendered by echo-render\n# Release: " + releaseName + "\n" + files[i].text,
    );
  }
  outputText(result.json());
  return 0;
}
