/**
 * The JSON messages an extism/v1 plugin exchanges, per plugin type (Helm's Input/Output
 * message structs): encode hcp's typed input to the bytes the guest reads, decode the guest's
 * output bytes back. Pure.
 */
import { HcpError } from "../../errors.ts";
import type { PluginInputMessage, PluginOutputMessage, PluginType } from "../../plugin/index.ts";

/** Encoder/decoder for one plugin. */
export interface MessageCodec {
  encode(message: PluginInputMessage): Uint8Array;
  decode(output: Uint8Array): PluginOutputMessage;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function jsonBody(message: PluginInputMessage): unknown {
  switch (message.type) {
    case "cli/v1":
      return { extraArgs: message.extraArgs };
    case "getter/v1":
      return { href: message.href, protocol: message.protocol, options: message.options };
    case "postrenderer/v1":
      // Helm 4.1.4 cannot transmit the manifests (its buffer has no JSON form); hcp sends
      // them as a string (documented difference).
      return { manifests: decoder.decode(message.manifests), extraArgs: message.extraArgs };
    case "render/v1":
      return message.payload;
  }
}

/** Creates the codec for plugin `name` of `type`. */
export function createMessageCodec(name: string, type: PluginType): MessageCodec {
  const bad = (detail: string) =>
    new HcpError(
      "PLUGIN_OUTPUT",
      `failed to json marshal plugin output message: reflect.Value: ${detail}`,
      {
        hint: `plugin "${name}" returned output hcp cannot read as a ${type} message`,
      },
    );
  const parse = (output: Uint8Array): Record<string, unknown> => {
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(output));
    } catch (err) {
      throw bad(output.length === 0 ? "unexpected end of JSON input" : (err as Error).message);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw bad("the output is not a JSON object");
    }
    return value as Record<string, unknown>;
  };
  return {
    encode(message) {
      if (message.type !== type && !(type === "test/v1")) {
        throw new HcpError(
          "PLUGIN_INPUT",
          `plugin "${name}" is type "${type}", not "${message.type}"`,
        );
      }
      return encoder.encode(JSON.stringify(jsonBody(message)));
    },
    decode(output) {
      const value = parse(output);
      switch (type) {
        case "cli/v1": {
          const data = value.data;
          if (
            data !== undefined &&
            data !== null &&
            (typeof data !== "object" || Array.isArray(data))
          ) {
            throw bad("data must be a JSON object or null");
          }
          return { type, data };
        }
        case "getter/v1": {
          const data = value.data;
          if (data === undefined || data === null) return { type, data: new Uint8Array() };
          if (typeof data !== "string") throw bad("data must be a base64 string");
          try {
            return { type, data: base64ToBytes(data) };
          } catch {
            throw bad("data is not valid base64");
          }
        }
        case "postrenderer/v1": {
          const manifests = value.manifests;
          if (typeof manifests !== "string") throw bad("manifests must be a string");
          return { type, manifests: encoder.encode(manifests) };
        }
        case "render/v1":
          return { type, payload: value };
        case "test/v1":
          throw bad("test/v1 plugins are never invoked");
      }
    },
  };
}
