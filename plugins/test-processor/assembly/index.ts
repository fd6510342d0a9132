// test-processor: a render/v1 test helper. Renders every received file as a ConfigMap holding
// the original text, plus a summary ConfigMap listing what it received.
import { indentBlock, RenderOutput, runRenderPlugin, SourceFile } from "../../lib/assembly/io";
import { JValue } from "../../lib/assembly/json";

function configMapName(path: string): string {
  const name = path.replaceAll("/", "-").replaceAll(".", "-");
  return name.startsWith("templates-") ? name.slice(10) : name;
}

function render(_input: JValue, files: SourceFile[], result: RenderOutput): void {
  let list = "";
  for (let i = 0; i < files.length; i++) {
    const name = files[i].name;
    list += "    - " + name + "\n";
    const target = (name.endsWith(".test") ? name.slice(0, name.length - 5) : name) + ".yaml";
    result.render(
      target,
      "# Rendered by test-processor plugin\n# Original file: " +
        name +
        "\n" +
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " +
        configMapName(name) +
        "\n" +
        "data:\n  originalContent: |\n" +
        indentBlock(files[i].text) +
        "\n",
    );
  }
  result.render(
    "test-processor-summary.yaml",
    "# Test Processor Plugin Summary\n" +
      "# Documents what files were received from the previous plugin\n" +
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-processor-summary\n" +
      'data:\n  filesReceived: "' +
      files.length.toString() +
      '"\n' +
      "  fileList: |\n" +
      list +
      "\n",
  );
}

export function helm_plugin_main(): i32 {
  return runRenderPlugin("test-processor", render);
}
