/**
 * hcp's own warm-up module (warm-up.wat, assembled; warm-up.test.ts checks the bytes match the
 * source). The sandbox child started early for a render runs it once while it waits for the
 * parent, so the first plugin call finds the SDK's and hcp's host code already run (~4 ms less
 * on that call). It is a constant of hcp, not a plugin: no trust verdict concerns it, and it
 * runs under the same limits as any call.
 */

/** warm-up.wat assembled by wabt (base64). */
const WARM_UP_WASM_BASE64 =
  "AGFzbQEAAAABLwlgAAF+YAF+AX9gAX4BfmACfn8AYAJ+fgBgAX4AYAR/f39/AX9gAn9/AX5gAAF/As0BBw9leHRpc206aG9zdC9lbnYMaW5wdXRfbGVuZ3RoAAAPZXh0aXNtOmhvc3QvZW52DWlucHV0X2xvYWRfdTgAAQ9leHRpc206aG9zdC9lbnYFYWxsb2MAAg9leHRpc206aG9zdC9lbnYIc3RvcmVfdTgAAw9leHRpc206aG9zdC9lbnYKb3V0cHV0X3NldAAED2V4dGlzbTpob3N0L2Vudghsb2dfaW5mbwAFFndhc2lfc25hcHNob3RfcHJldmlldzEIZmRfd3JpdGUABgMDAgcIBQMBAAEHHQIGbWVtb3J5AgAQaGVsbV9wbHVnaW5fbWFpbgAICqQBAjUCAX4BfyABrRACIQICQANAIAMgAU8NASACIAOtfCAAIANqLQAAEAMgA0EBaiEDDAALCyACC2wBAn8QAKchACAAQYAISwRAQYAIIQALAkADQCABIABPDQFBgAggAWogAa0QAToAACABQQFqIQEMAAsLQQBBgAg2AgBBBCAANgIAQQFBAEEBQQgQBhpBwABBBBAHEAVBgAggABAHIACtEARBAAsLCwEAQcAACwR3YXJt";

/** The warm-up module's bytes (a fresh copy each time). */
export function warmUpWasm(): Uint8Array {
  return Uint8Array.fromBase64(WARM_UP_WASM_BASE64);
}

/** Argument of `hcp __sandbox` that asks the child to run the warm-up before its first frame. */
export const WARM_UP_FLAG = "--warm-up";
