// echo-cli: a cli/v1 extism plugin. Prints its arguments on stdout, space-separated, and
// returns an empty JSON object (used by the e2e tests and bench/extism.sh).
import { inputText, outputText, writeStdout } from "../../lib/assembly/io";
import { parseJson } from "../../lib/assembly/json";

export function helm_plugin_main(): i32 {
  const input = parseJson(inputText());
  const args: string[] = [];
  if (input != null) {
    const list = input.get("extraArgs");
    if (list != null) {
      for (let i = 0; i < list.items.length; i++) args.push(list.items[i].str());
    }
  }
  writeStdout(args.join(" ") + "\n");
  outputText("{}");
  return 0;
}
