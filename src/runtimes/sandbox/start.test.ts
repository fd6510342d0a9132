import { expect, test } from "bun:test";
import { createLogger } from "../../log.ts";
import { startEarlySandbox, takeEarlySandbox } from "./start.ts";

test("takeEarlySandbox() is undefined when nothing was started", () => {
  expect(takeEarlySandbox(createLogger(() => {}, true))).toBeUndefined();
});

test("an early sandbox is taken once and replays its startup lines to the adopting logger", async () => {
  startEarlySandbox(process.execPath);
  startEarlySandbox(process.execPath); // a second call starts nothing
  const lines: string[] = [];
  const client = takeEarlySandbox(createLogger((line) => lines.push(line), true));
  expect(client).toBeDefined();
  expect(takeEarlySandbox(createLogger(() => {}, true))).toBeUndefined();
  expect(lines.filter((l) => l.includes("started wasm sandbox"))).toHaveLength(1);
  await client?.close();
});
