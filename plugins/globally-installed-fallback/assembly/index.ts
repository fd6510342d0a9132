// globally-installed-fallback: a render/v1 test helper that is only ever installed into
// $HELM_PLUGINS/<name>/. Writes fallback-test-result.yaml, a ConfigMap saying the fallback
// lookup worked, with the plugin's name and version and each source file's name and text.
import { inputText, outputText, RenderOutput, sourceFiles } from "../../lib/assembly/io";
import { parseJson } from "../../lib/assembly/json";

function indent(text: string): string {
  const lines = text.split("\n");
  let out = "";
  for (let i = 0; i < lines.length; i++) out += "    " + lines[i] + "\n";
  return out;
}

export function helm_plugin_main(): i32 {
  const result = new RenderOutput();
  const input = parseJson(inputText());
  if (input == null) {
    result.error("globally-installed-fallback: the input is not valid JSON");
    outputText(result.json());
    return 1;
  }
  const files = sourceFiles(input);
  for (let i = 0; i < files.length; i++) {
    result.render(
      "fallback-test-result.yaml",
      "# Rendered by the globally installed fallback plugin\n" +
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fallback-test-result\n" +
        'data:\n  fallbackWorked: "true"\n' +
        "  pluginName: globally-installed-fallback\n" +
        '  pluginVersion: "0.1.0"\n' +
        "  sourceFile: " +
        files[i].name +
        "\n" +
        "  sourceContent: |\n" +
        indent(files[i].text),
    );
  }
  outputText(result.json());
  return 0;
}
