// globally-installed-fallback: a render/v1 test helper that is only ever installed into
// $HELM_PLUGINS/<name>/. Writes fallback-test-result.yaml, a ConfigMap saying the fallback
// lookup worked, with the plugin's name and version and each source file's name and text.
import { indentBlock, RenderOutput, runRenderPlugin, SourceFile } from "../../lib/assembly/io";
import { JValue } from "../../lib/assembly/json";

function render(_input: JValue, files: SourceFile[], result: RenderOutput): void {
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
        indentBlock(files[i].text),
    );
  }
}

export function helm_plugin_main(): i32 {
  return runRenderPlugin("globally-installed-fallback", render);
}
