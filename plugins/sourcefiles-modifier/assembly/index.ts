// sourcefiles-modifier: a render/v1 test helper for sequential plugins. By input position:
// file #0 is dropped, #1 gets a "[MODIFIED BY PLUGIN 1]" first line, #2 is renamed
// .test → .renamed, the rest pass through; then templates/file4.test is added. All of that is
// returned as modifiedSourceFiles, plus a summary ConfigMap as a rendered file.
import { RenderOutput, runRenderPlugin, SourceFile } from "../../lib/assembly/io";
import { JValue } from "../../lib/assembly/json";

function render(_input: JValue, files: SourceFile[], result: RenderOutput): void {
  const actions: string[] = [];
  let emitted = 0;
  for (let i = 0; i < files.length; i++) {
    const name = files[i].name;
    if (i == 0) {
      actions.push("REMOVED: " + name);
      continue;
    }
    if (i == 1) {
      result.modify(name, "[MODIFIED BY PLUGIN 1]\n" + files[i].text);
      actions.push("MODIFIED: " + name);
    } else if (i == 2) {
      const renamed = (name.endsWith(".test") ? name.slice(0, name.length - 5) : name) + ".renamed";
      result.modify(renamed, files[i].text);
      actions.push("RENAMED: " + name + " -> " + renamed);
    } else {
      result.modify(name, files[i].text);
      actions.push("PASSED: " + name);
    }
    emitted++;
  }
  const added = "templates/file4.test";
  result.modify(
    added,
    "# This file was added by sourcefiles-modifier plugin\nkey: added-by-plugin-1",
  );
  actions.push("ADDED: " + added);
  emitted++;
  let list = "";
  for (let i = 0; i < actions.length; i++) list += "    - " + actions[i] + "\n";
  result.render(
    "sourcefiles-modifier-summary.yaml",
    "# SourceFiles Modifier Plugin Summary\n" +
      "# This manifest documents the modifications made to source files\n" +
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sourcefiles-modifier-summary\n" +
      "data:\n  actions: |\n" +
      list +
      "\n" +
      '  filesReceived: "' +
      files.length.toString() +
      '"\n' +
      '  filesOutput: "' +
      emitted.toString() +
      '"\n',
  );
}

export function helm_plugin_main(): i32 {
  return runRenderPlugin("sourcefiles-modifier", render);
}
