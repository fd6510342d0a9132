/**
 * Go's reference-time layouts ("2006-01-02 15:04:05"): tokenizing (Go's nextStdChunk),
 * formatting (Time.Format) and parsing (time.ParseInLocation) with Go's error messages.
 */
import {
  DAYS,
  type Fields,
  fieldsOf,
  type GoTime,
  MONTHS,
  NS_PER_S,
  zoneOffset,
} from "./time-zone.ts";

type Token = { lit: string } | { std: string } | { frac: "0" | "9"; digits: number; sep: string };

const STD_PREFIXES = [
  "January",
  "Jan",
  "Monday",
  "Mon",
  "MST",
  "2006",
  "-07:00:00",
  "-070000",
  "-07:00",
  "-0700",
  "-07",
  "Z07:00:00",
  "Z070000",
  "Z07:00",
  "Z0700",
  "Z07",
  "002",
  "__2",
  "_2",
  "01",
  "02",
  "03",
  "04",
  "05",
  "06",
  "15",
  "PM",
  "pm",
  "1",
  "2",
  "3",
  "4",
  "5",
];

/** Splits a Go layout into literal text and std chunks (Go's nextStdChunk). */
export function tokenizeLayout(layout: string): Token[] {
  const out: Token[] = [];
  let lit = "";
  let i = 0;
  while (i < layout.length) {
    const rest = layout.slice(i);
    const c = layout[i]!;
    if ((c === "." || c === ",") && (rest[1] === "0" || rest[1] === "9")) {
      const d = rest[1];
      let j = 1;
      while (rest[j] === d) j++;
      if (!/[0-9]/.test(rest[j] ?? "")) {
        if (lit !== "") out.push({ lit });
        lit = "";
        out.push({ frac: d as "0" | "9", digits: j - 1, sep: c });
        i += j;
        continue;
      }
    }
    let std = STD_PREFIXES.find((p) => rest.startsWith(p));
    if (std === "Mon" && rest.startsWith("Monday")) std = "Monday";
    // Go: "Jan"/"Mon" followed by a lower-case letter are text ("Janx"), not std chunks.
    if ((std === "Jan" || std === "Mon") && /^[a-z]/.test(rest.slice(3))) std = undefined;
    if (std === "_2" && rest.startsWith("_2006")) std = undefined;
    if (std !== undefined) {
      if (lit !== "") out.push({ lit });
      lit = "";
      out.push({ std });
      i += std.length;
      continue;
    }
    lit += c;
    i++;
  }
  if (lit !== "") out.push({ lit });
  return out;
}

const pad = (n: number, w: number, ch = "0") => String(n).padStart(w, ch);

function formatOffset(offset: number, std: string): string {
  if (std.startsWith("Z") && offset === 0) return "Z";
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor((abs % 3600) / 60), 2);
  const ss = pad(abs % 60, 2);
  const body = std.slice(1);
  switch (body) {
    case "07":
      return sign + hh;
    case "0700":
      return sign + hh + mm;
    case "07:00":
      return `${sign}${hh}:${mm}`;
    case "070000":
      return sign + hh + mm + ss;
    default:
      return `${sign}${hh}:${mm}:${ss}`;
  }
}

/** time.Time.Format(layout). */
export function formatTime(t: GoTime, layout: string): string {
  const f = fieldsOf(t);
  let out = "";
  for (const tok of tokenizeLayout(layout)) {
    if ("lit" in tok) {
      out += tok.lit;
      continue;
    }
    if ("frac" in tok) {
      let digits = pad(f.nano, 9).slice(0, tok.digits);
      if (tok.frac === "9") {
        digits = digits.replace(/0+$/, "");
        if (digits !== "") out += tok.sep + digits;
      } else {
        out += tok.sep + digits;
      }
      continue;
    }
    out += formatStd(f, tok.std);
  }
  return out;
}

function formatStd(f: Fields, std: string): string {
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (std) {
    case "January":
      return MONTHS[f.month - 1]!;
    case "Jan":
      return MONTHS[f.month - 1]!.slice(0, 3);
    case "Monday":
      return DAYS[f.weekday]!;
    case "Mon":
      return DAYS[f.weekday]!.slice(0, 3);
    case "MST":
      return f.abbrev !== "" ? f.abbrev : formatOffset(f.offset, "-0700");
    case "2006":
      return f.year < 0 ? `-${pad(-f.year, 4)}` : pad(f.year, 4);
    case "06":
      return pad(((f.year % 100) + 100) % 100, 2);
    case "01":
      return pad(f.month, 2);
    case "1":
      return String(f.month);
    case "02":
      return pad(f.day, 2);
    case "_2":
      return pad(f.day, 2, " ");
    case "2":
      return String(f.day);
    case "002":
      return pad(f.yday, 3);
    case "__2":
      return pad(f.yday, 3, " ");
    case "15":
      return pad(f.hour, 2);
    case "03":
      return pad(h12, 2);
    case "3":
      return String(h12);
    case "04":
      return pad(f.minute, 2);
    case "4":
      return String(f.minute);
    case "05":
      return pad(f.second, 2);
    case "5":
      return String(f.second);
    case "PM":
      return f.hour >= 12 ? "PM" : "AM";
    case "pm":
      return f.hour >= 12 ? "pm" : "am";
    default:
      return formatOffset(f.offset, std);
  }
}

/** Go time's quote: double quotes, with non-ASCII and control bytes as \xNN. */
export function quoteTime(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of new TextEncoder().encode(c)) out += `\\x${b.toString(16).padStart(2, "0")}`;
    } else {
      out += c === '"' || c === "\\" ? `\\${c}` : c;
    }
  }
  return `${out}"`;
}

/** Go's isLeap (proleptic Gregorian, year 0 is a leap year). */
function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_BEFORE[month]! - DAYS_BEFORE[month - 1]!;
}

/** Seconds since the Unix epoch of a proleptic Gregorian UTC date-time (any year). */
function unixSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number): bigint {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return BigInt(Math.floor(date.getTime() / 1000));
}

class BadValue extends Error {}

/** Go's getnum: one or two digits (exactly two when `fixed`). */
function getnum(s: string, fixed: boolean): [number, string] {
  if (!/^[0-9]/.test(s)) throw new BadValue();
  if (!/^[0-9]{2}/.test(s)) {
    if (fixed) throw new BadValue();
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

/** Go's getnum3: one to three digits (exactly three when `fixed`). */
function getnum3(s: string, fixed: boolean): [number, string] {
  const m = /^[0-9]{1,3}/.exec(s);
  if (m === null || (fixed && m[0].length !== 3)) throw new BadValue();
  return [Number(m[0]), s.slice(m[0].length)];
}

/** Go's lookup: a case-insensitive (ASCII) prefix from `names`. */
function lookupName(names: readonly string[], s: string): [number, string] {
  for (const [i, n] of names.entries()) {
    if (s.length >= n.length && s.slice(0, n.length).toLowerCase() === n.toLowerCase()) {
      return [i, s.slice(n.length)];
    }
  }
  throw new BadValue();
}

/** Go's parseTimeZone: the length of a zone abbreviation at the start of s, or 0. */
function parseTimeZone(s: string): number {
  if (s.length < 3) return 0;
  if (s.startsWith("ChST") || s.startsWith("MeST")) return 4;
  if (s.startsWith("GMT")) {
    const m = /^GMT([+-]\d{1,2})?/.exec(s)!;
    if (m[1] !== undefined && Math.abs(Number(m[1])) > 23) return 3;
    return m[0].length;
  }
  if (s[0] === "+" || s[0] === "-") {
    const m = /^[+-]\d{1,2}/.exec(s);
    return m !== null && Math.abs(Number(m[0])) <= 23 ? m[0].length : 0;
  }
  let n = 0;
  while (n < s.length && s[n]! >= "A" && s[n]! <= "Z") n++;
  if (n === 3) return 3;
  if (n === 4) return s[3] === "T" || s.startsWith("WITA") ? 4 : 0;
  if (n === 5) return s[4] === "T" ? 5 : 0;
  return 0;
}

/** Go's parseNanoseconds of ".123" (n bytes including the separator). */
function parseNanoseconds(s: string, n: number): number {
  if (s[0] !== "." && s[0] !== ",") throw new BadValue();
  const digits = s.slice(1, Math.min(n, 10));
  if (!/^[0-9]+$/.test(digits)) throw new BadValue();
  return Number(digits.padEnd(9, "0"));
}

/** Go's skip: matches literal layout text; a space matches any run of spaces. */
function skip(value: string, prefix: string): string {
  let v = value;
  let p = prefix;
  while (p.length > 0) {
    if (p[0] === " ") {
      if (v.length > 0 && v[0] !== " ") throw new BadValue(v);
      p = p.replace(/^ +/, "");
      v = v.replace(/^ +/, "");
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) throw new BadValue(v);
    p = p.slice(1);
    v = v.slice(1);
  }
  return v;
}

/** Offset text (after a possible "Z") as seconds east of UTC, per the layout's std form. */
function parseOffset(std: string, value: string): [number, string, string | undefined] {
  const body = std.slice(1);
  const widths: Record<string, [number, string]> = {
    "07:00": [6, "+hh:mm"],
    "07": [3, "+hh"],
    "07:00:00": [9, "+hh:mm:ss"],
    "070000": [7, "+hhmmss"],
    "0700": [5, "+hhmm"],
  };
  const [width, shape] = widths[body]!;
  if (value.length < width) throw new BadValue();
  const text = value.slice(0, width);
  for (let i = 0; i < width; i++) {
    if (shape[i] === ":" && text[i] !== ":") throw new BadValue();
  }
  const digits = text.slice(1).replaceAll(":", "").padEnd(6, "0");
  if (!/^[0-9]{6}$/.test(digits)) throw new BadValue();
  const hr = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const ss = Number(digits.slice(4, 6));
  let range: string | undefined;
  if (hr > 24) range = "time zone offset hour";
  if (mm > 60) range = "time zone offset minute";
  if (ss > 60) range = "time zone offset second";
  const secs = (hr * 60 + mm) * 60 + ss;
  if (text[0] === "+") return [secs, value.slice(width), range];
  if (text[0] === "-") return [-secs, value.slice(width), range];
  throw new BadValue();
}

const LONG_MONTHS = MONTHS;
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));
const LONG_DAYS = DAYS;
const SHORT_DAYS = DAYS.map((d) => d.slice(0, 3));

/** time.ParseInLocation(layout, value, zone) with Go's error messages (Go's parse, step by step). */
export function parseTime(layout: string, value: string, zone: string): GoTime {
  const parseError = (elem: string, rest: string, message = ""): Error =>
    new Error(
      message !== ""
        ? `parsing time ${quoteTime(value)}${message}`
        : `parsing time ${quoteTime(value)} as ${quoteTime(layout)}: cannot parse ${quoteTime(rest)} as ${quoteTime(elem)}`,
    );
  let v = value;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pmSet = false;
  let amSet = false;
  let utc = false;
  let zoneOff: number | undefined;
  let zoneName = "";
  const tokens = tokenizeLayout(layout);
  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti]!;
    if ("lit" in tok) {
      try {
        v = skip(v, tok.lit);
      } catch (err) {
        throw parseError(tok.lit, err instanceof BadValue ? err.message : v);
      }
      continue;
    }
    const stdstr = "frac" in tok ? tok.sep + tok.frac.repeat(tok.digits) : tok.std;
    const hold = v;
    let range = "";
    try {
      if ("frac" in tok) {
        if (tok.frac === "0") {
          const n = 1 + tok.digits;
          if (v.length < n) throw new BadValue();
          nsec = parseNanoseconds(v, n);
          v = v.slice(n);
        } else if (v.length >= 2 && (v[0] === "." || v[0] === ",") && /[0-9]/.test(v[1]!)) {
          let i = 0;
          while (i + 1 < v.length && /[0-9]/.test(v[i + 1]!)) i++;
          nsec = parseNanoseconds(v, 1 + i);
          v = v.slice(1 + i);
        }
      } else {
        switch (tok.std) {
          case "06":
            if (v.length < 2 || !/^[0-9]{2}/.test(v)) throw new BadValue();
            year = Number(v.slice(0, 2));
            year += year >= 69 ? 1900 : 2000;
            v = v.slice(2);
            break;
          case "2006":
            if (v.length < 4 || !/^[0-9]{4}/.test(v)) throw new BadValue();
            year = Number(v.slice(0, 4));
            v = v.slice(4);
            break;
          case "Jan":
          case "January":
            [month, v] = lookupName(tok.std === "Jan" ? SHORT_MONTHS : LONG_MONTHS, v);
            month++;
            break;
          case "1":
          case "01":
            [month, v] = getnum(v, tok.std === "01");
            if (month <= 0 || month > 12) range = "month";
            break;
          case "Mon":
          case "Monday":
            [, v] = lookupName(tok.std === "Mon" ? SHORT_DAYS : LONG_DAYS, v);
            break;
          case "2":
          case "_2":
          case "02":
            if (tok.std === "_2" && v.startsWith(" ")) v = v.slice(1);
            [day, v] = getnum(v, tok.std === "02");
            break;
          case "__2":
          case "002":
            if (tok.std === "__2") v = v.replace(/^ {1,2}/, "");
            [yday, v] = getnum3(v, tok.std === "002");
            break;
          case "15":
            [hour, v] = getnum(v, false);
            if (hour >= 24) range = "hour";
            break;
          case "3":
          case "03":
            [hour, v] = getnum(v, tok.std === "03");
            if (hour > 12) range = "hour";
            break;
          case "4":
          case "04":
            [min, v] = getnum(v, tok.std === "04");
            if (min >= 60) range = "minute";
            break;
          case "5":
          case "05": {
            [sec, v] = getnum(v, tok.std === "05");
            if (sec >= 60) {
              range = "second";
              break;
            }
            // Go: a fraction after the seconds is read even when the layout has none.
            const next = tokens[ti + 1];
            if (v.length >= 2 && (v[0] === "." || v[0] === ",") && /[0-9]/.test(v[1]!)) {
              if (next !== undefined && "frac" in next) break;
              let n = 2;
              while (n < v.length && /[0-9]/.test(v[n]!)) n++;
              nsec = parseNanoseconds(v, n);
              v = v.slice(n);
            }
            break;
          }
          case "PM":
          case "pm": {
            if (v.length < 2) throw new BadValue();
            const p = v.slice(0, 2);
            v = v.slice(2);
            const [pm, am] = tok.std === "PM" ? ["PM", "AM"] : ["pm", "am"];
            if (p === pm) pmSet = true;
            else if (p === am) amSet = true;
            else throw new BadValue();
            break;
          }
          case "MST": {
            if (v.startsWith("UTC")) {
              utc = true;
              v = v.slice(3);
              break;
            }
            const n = parseTimeZone(v);
            if (n === 0) throw new BadValue();
            zoneName = v.slice(0, n);
            v = v.slice(n);
            break;
          }
          default: {
            if (tok.std.startsWith("Z") && v.startsWith("Z")) {
              v = v.slice(1);
              utc = true;
              break;
            }
            const [off, rest, r] = parseOffset(tok.std, v);
            zoneOff = off;
            v = rest;
            if (r !== undefined) range = r;
          }
        }
      }
    } catch (err) {
      if (err instanceof BadValue) throw parseError(stdstr, hold);
      throw err;
    }
    if (range !== "") throw parseError(stdstr, v, `: ${range} out of range`);
  }
  if (v !== "") throw parseError("", v, `: extra text: ${quoteTime(v)}`);
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d = 0;
    let m = 0;
    let yd = yday;
    if (isLeap(year)) {
      if (yd === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yd > 31 + 29) yd--;
    }
    if (yd < 1 || yd > 365) throw parseError("", v, ": day-of-year out of range");
    if (m === 0) {
      m = Math.floor((yd - 1) / 31) + 1;
      if (DAYS_BEFORE[m]! < yd) m++;
      d = yd - DAYS_BEFORE[m - 1]!;
    }
    if (month >= 0 && month !== m) throw parseError("", v, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day !== d) throw parseError("", v, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw parseError("", v, ": day out of range");
  const wall = unixSeconds(year, month, day, hour, min, sec);
  const ns = (w: bigint) => w * NS_PER_S + BigInt(nsec);
  if (utc) return { ns: ns(wall), zone: "UTC" };
  if (zoneOff !== undefined) {
    const t = wall - BigInt(zoneOff);
    const local = zoneOffset(zone, Number(t) * 1000);
    if (local.offset === zoneOff && (zoneName === "" || local.abbrev === zoneName)) {
      return { ns: ns(t), zone };
    }
    return { ns: ns(t), zone: `FIXED:${zoneOff}:${zoneName}` };
  }
  if (zoneName !== "") {
    const local = zoneOffset(zone, Number(wall) * 1000);
    if (local.abbrev === zoneName) return { ns: ns(wall - BigInt(local.offset)), zone };
    const gmt = /^GMT([+-]\d+)$/.exec(zoneName);
    const offset = gmt !== null ? Number(gmt[1]) * 3600 : 0;
    return { ns: ns(wall - BigInt(offset)), zone: `FIXED:${offset}:${zoneName}` };
  }
  const guess = zoneOffset(zone, Number(wall) * 1000).offset;
  const off = zoneOffset(zone, Number(wall - BigInt(guess)) * 1000).offset;
  return { ns: ns(wall - BigInt(off)), zone };
}
