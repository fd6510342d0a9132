/**
 * strvals: Helm's `--set` / `--set-string` / `--set-file` / `--set-json` / `--set-literal`
 * grammar. Pure: takes strings, returns values in the Go value model (int64 = bigint).
 * Must not read files itself: `--set-file` receives a reader.
 */
export {
  MAX_INDEX,
  MAX_NESTED_NAME_LEVEL,
  parseSet,
  parseSetFileInto,
  parseSetInto,
  parseSetJsonInto,
  parseSetLiteralInto,
  parseSetStringInto,
  type RunesValueReader,
  typedValue,
} from "./parse.ts";
