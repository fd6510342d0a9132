// test-processor: a render/v1 test helper. Renders every received file as a ConfigMap holding
// the original text, plus a summary ConfigMap listing what it received.
import { inputText, outputText, RenderOutput, sourceFiles } from "../../lib/assembly/io";
import { parseJson } from "../../lib/assembly/json";

function configMapName(path: string): string {
  const name = path.replaceAll("/", "-").replaceAll(".", "-");
  return name.startsWith("templates-") ? name.slice(10) : name;
}

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
    result.error("test-processor: the input is not valid JSON");
    outputText(result.json());
    return 1;
  }
  const files = sourceFiles(input);
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
        indent(files[i].text) +
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
  outputText(result.json());
  return 0;
}
