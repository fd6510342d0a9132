// A small JSON reader and writer for AssemblyScript plugins (AssemblyScript ships no JSON).
// Values are a tree of JValue; parse errors come back as null, never as a trap.

export const KIND_NULL: i32 = 0;
export const KIND_BOOL: i32 = 1;
export const KIND_NUMBER: i32 = 2;
export const KIND_STRING: i32 = 3;
export const KIND_ARRAY: i32 = 4;
export const KIND_OBJECT: i32 = 5;

/** One JSON value. Numbers keep their source text (printed as Go's %v prints float64s). */
export class JValue {
  kind: i32 = KIND_NULL;
  flag: bool = false;
  text: string = "";
  items: JValue[] = [];
  keys: string[] = [];
  values: JValue[] = [];

  /** The member `key` of an object, or null. */
  get(key: string): JValue | null {
    if (this.kind != KIND_OBJECT) return null;
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] == key) return this.values[i];
    }
    return null;
  }

  /** Follows a dotted path of object keys ("image.tag"). */
  path(dotted: string): JValue | null {
    const parts = dotted.split(".");
    let current: JValue | null = this;
    for (let i = 0; i < parts.length; i++) {
      if (current == null) return null;
      current = current.get(parts[i]);
    }
    return current;
  }

  /** The string value, or "" for anything else. */
  str(): string {
    return this.kind == KIND_STRING ? this.text : "";
  }

  /** Prints the value like Go's fmt %v does for decoded JSON. */
  format(): string {
    if (this.kind == KIND_NULL) return "<nil>";
    if (this.kind == KIND_BOOL) return this.flag ? "true" : "false";
    if (this.kind == KIND_NUMBER) return formatNumber(this.text);
    if (this.kind == KIND_STRING) return this.text;
    if (this.kind == KIND_ARRAY) {
      const parts: string[] = [];
      for (let i = 0; i < this.items.length; i++) parts.push(this.items[i].format());
      return "[" + parts.join(" ") + "]";
    }
    const order = this.keys.slice(0);
    order.sort((a: string, b: string): i32 => (a < b ? -1 : a > b ? 1 : 0));
    const parts: string[] = [];
    for (let i = 0; i < order.length; i++) {
      const member = this.get(order[i]);
      parts.push(order[i] + ":" + (member == null ? "<nil>" : member.format()));
    }
    return "map[" + parts.join(" ") + "]";
  }
}

/** Go prints float64 3 as "3" and 2.5 as "2.5"; keep integral text, drop a ".0" tail. */
function formatNumber(text: string): string {
  if (text.endsWith(".0")) return text.slice(0, text.length - 2);
  return text;
}

class Parser {
  pos: i32 = 0;
  failed: bool = false;
  constructor(public src: string) {}

  ws(): void {
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      this.pos++;
    }
  }

  fail(): JValue {
    this.failed = true;
    return new JValue();
  }

  value(depth: i32): JValue {
    if (depth > 512) return this.fail();
    this.ws();
    if (this.pos >= this.src.length) return this.fail();
    const c = this.src.charCodeAt(this.pos);
    if (c == 0x7b) return this.object(depth);
    if (c == 0x5b) return this.array(depth);
    if (c == 0x22) {
      const v = new JValue();
      v.kind = KIND_STRING;
      v.text = this.string();
      return v;
    }
    if (this.src.startsWith("true", this.pos)) return this.literal(4, KIND_BOOL, true);
    if (this.src.startsWith("false", this.pos)) return this.literal(5, KIND_BOOL, false);
    if (this.src.startsWith("null", this.pos)) return this.literal(4, KIND_NULL, false);
    return this.number();
  }

  literal(length: i32, kind: i32, flag: bool): JValue {
    this.pos += length;
    const v = new JValue();
    v.kind = kind;
    v.flag = flag;
    return v;
  }

  number(): JValue {
    const start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      const numeric =
        (c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x2b || c == 0x2e || c == 0x65 || c == 0x45;
      if (!numeric) break;
      this.pos++;
    }
    if (this.pos == start) return this.fail();
    const v = new JValue();
    v.kind = KIND_NUMBER;
    v.text = this.src.slice(start, this.pos);
    return v;
  }

  hex4(): i32 {
    if (this.pos + 4 > this.src.length) {
      this.failed = true;
      return 0;
    }
    const code = I32.parseInt(this.src.slice(this.pos, this.pos + 4), 16);
    this.pos += 4;
    return code;
  }

  string(): string {
    this.pos++; // opening quote
    let out = "";
    let start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c == 0x22) {
        out += this.src.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c != 0x5c) {
        this.pos++;
        continue;
      }
      out += this.src.slice(start, this.pos);
      this.pos++;
      const e = this.src.charCodeAt(this.pos);
      this.pos++;
      if (e == 0x6e) out += "\n";
      else if (e == 0x74) out += "\t";
      else if (e == 0x72) out += "\r";
      else if (e == 0x62) out += "\b";
      else if (e == 0x66) out += "\f";
      else if (e == 0x75) out += String.fromCharCode(this.hex4());
      else out += String.fromCharCode(e);
      start = this.pos;
    }
    this.failed = true;
    return out;
  }

  array(depth: i32): JValue {
    const v = new JValue();
    v.kind = KIND_ARRAY;
    this.pos++;
    this.ws();
    if (this.src.charCodeAt(this.pos) == 0x5d) {
      this.pos++;
      return v;
    }
    while (!this.failed) {
      v.items.push(this.value(depth + 1));
      this.ws();
      const c = this.src.charCodeAt(this.pos);
      this.pos++;
      if (c == 0x5d) return v;
      if (c != 0x2c) return this.fail();
    }
    return v;
  }

  object(depth: i32): JValue {
    const v = new JValue();
    v.kind = KIND_OBJECT;
    this.pos++;
    this.ws();
    if (this.src.charCodeAt(this.pos) == 0x7d) {
      this.pos++;
      return v;
    }
    while (!this.failed) {
      this.ws();
      if (this.src.charCodeAt(this.pos) != 0x22) return this.fail();
      v.keys.push(this.string());
      this.ws();
      if (this.src.charCodeAt(this.pos) != 0x3a) return this.fail();
      this.pos++;
      v.values.push(this.value(depth + 1));
      this.ws();
      const c = this.src.charCodeAt(this.pos);
      this.pos++;
      if (c == 0x7d) return v;
      if (c != 0x2c) return this.fail();
    }
    return v;
  }
}

/** Parses JSON text; null when it is not valid JSON. */
export function parseJson(text: string): JValue | null {
  const p = new Parser(text);
  const v = p.value(0);
  p.ws();
  if (p.failed || p.pos != text.length) return null;
  return v;
}

const HEX = "0123456789abcdef";

/** A JSON string literal for `s` (quotes, backslashes and control characters escaped). */
export function quote(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c != 0x22 && c != 0x5c) continue;
    out += s.slice(start, i);
    if (c == 0x22) out += '\\"';
    else if (c == 0x5c) out += "\\\\";
    else if (c == 0x0a) out += "\\n";
    else if (c == 0x09) out += "\\t";
    else if (c == 0x0d) out += "\\r";
    else out += "\\u00" + HEX.charAt(c >> 4) + HEX.charAt(c & 15);
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}
