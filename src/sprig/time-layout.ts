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

export function quoteTime(s: string): string {
  return `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** time.ParseInLocation(layout, value, zone) with Go's error messages. */
export function parseTime(layout: string, value: string, zone: string): GoTime {
  const fail = (elem: string, rest: string, msg = ""): Error =>
    new Error(
      msg !== ""
        ? `parsing time ${quoteTime(value)}${msg}`
        : `parsing time ${quoteTime(value)} as ${quoteTime(layout)}: cannot parse ${quoteTime(rest)} as ${quoteTime(elem)}`,
    );
  let s = value;
  // Go: elements missing from the layout are zero, or one where zero is impossible.
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nano = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let yday = -1;
  let zoneName: string | undefined;
  const num = (min: number, max: number, elem: string): number => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(s);
    if (m === null) throw fail(elem, s);
    s = s.slice(m[0].length);
    return Number(m[0]);
  };
  const tokens = tokenizeLayout(layout);
  for (const [ti, tok] of tokens.entries()) {
    if ("lit" in tok) {
      if (!s.startsWith(tok.lit)) throw fail(tok.lit, s);
      s = s.slice(tok.lit.length);
      continue;
    }
    if ("frac" in tok) {
      const m = /^[.,]([0-9]+)/.exec(s);
      if (m === null) {
        if (tok.frac === "9") continue;
        throw fail(tok.sep + tok.frac.repeat(tok.digits), s);
      }
      nano = Number((m[1]! + "000000000").slice(0, 9));
      s = s.slice(m[0].length);
      continue;
    }
    const std = tok.std;
    switch (std) {
      case "2006":
        year = num(4, 4, std);
        break;
      case "06":
        year = num(2, 2, std);
        year += year >= 69 ? 1900 : 2000;
        break;
      case "01":
        month = num(2, 2, std);
        break;
      case "1":
        month = num(1, 2, std);
        break;
      case "02":
        day = num(2, 2, std);
        break;
      case "_2":
        if (s.startsWith(" ")) s = s.slice(1);
        day = num(1, 2, std);
        break;
      case "2":
        day = num(1, 2, std);
        break;
      case "002":
        yday = num(3, 3, std);
        break;
      case "__2":
        s = s.replace(/^ {0,2}/, "");
        yday = num(1, 3, std);
        break;
      case "15":
        hour = num(1, 2, std);
        break;
      case "03":
        hour = num(2, 2, std);
        break;
      case "3":
        hour = num(1, 2, std);
        break;
      case "04":
        minute = num(2, 2, std);
        break;
      case "4":
        minute = num(1, 2, std);
        break;
      case "05":
      case "5": {
        second = std === "05" ? num(2, 2, std) : num(1, 2, std);
        // Go: a fraction after the seconds is accepted even when the layout has none.
        const next = tokens[ti + 1];
        const frac = /^[.,]([0-9]+)/.exec(s);
        if (frac !== null && (next === undefined || !("frac" in next))) {
          nano = Number((frac[1]! + "000000000").slice(0, 9));
          s = s.slice(frac[0].length);
        }
        break;
      }
      case "January":
      case "Jan":
      case "Monday":
      case "Mon": {
        const names = std.startsWith("J") ? MONTHS : DAYS;
        const long = std === "January" || std === "Monday";
        const idx = names.findIndex((n) =>
          s.toLowerCase().startsWith((long ? n : n.slice(0, 3)).toLowerCase()),
        );
        if (idx < 0) throw fail(std, s);
        s = s.slice(long ? names[idx]!.length : 3);
        if (std.startsWith("J")) month = idx + 1;
        break;
      }
      case "PM":
      case "pm": {
        const ap = s.slice(0, 2).toUpperCase();
        if (ap !== "AM" && ap !== "PM") throw fail(std, s);
        pm = ap === "PM";
        s = s.slice(2);
        break;
      }
      case "MST": {
        const m = /^(UTC|GMT|[A-Z]{3,5})/.exec(s);
        if (m === null) throw fail(std, s);
        s = s.slice(m[0].length);
        if (m[0] === "UTC" || m[0] === "GMT") offset = 0;
        else zoneName = m[0];
        break;
      }
      default: {
        if (std.startsWith("Z") && s.startsWith("Z")) {
          s = s.slice(1);
          offset = 0;
          break;
        }
        const m = /^([+-])([0-9]{2})(?::?([0-9]{2}))?(?::?([0-9]{2}))?/.exec(s);
        if (m === null) throw fail(std, s);
        s = s.slice(m[0].length);
        const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
        offset = m[1] === "-" ? -secs : secs;
      }
    }
  }
  if (s !== "") throw fail("", s, `: extra text: ${quoteTime(s)}`);
  if (pm !== undefined) {
    if (hour > 12) throw fail("", "", ": hour out of range");
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if (month < 1 || month > 12) throw fail("", "", ": month out of range");
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > dim) throw fail("", "", ": day out of range");
  if (hour > 23) throw fail("", "", ": hour out of range");
  if (minute > 59) throw fail("", "", ": minute out of range");
  if (second > 59) throw fail("", "", ": second out of range");
  if (yday > 0) {
    const d = new Date(Date.UTC(year, 0, yday));
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const fixWall = new Date(wall);
  fixWall.setUTCFullYear(year);
  const wallSec = BigInt(Math.floor(fixWall.getTime() / 1000));
  if (offset === undefined && zoneName !== undefined) {
    // Go: an abbreviation the local zone uses at that time means local; any other is a
    // fabricated zone with that name and offset 0.
    const local = zoneOffset(zone, Number(wallSec) * 1000);
    if (local.abbrev !== zoneName) {
      return { ns: wallSec * NS_PER_S + BigInt(nano), zone: `FIXED:0:${zoneName}` };
    }
  }
  if (offset !== undefined) {
    const local = zoneOffset(zone, Number(wallSec - BigInt(offset)) * 1000);
    const z = local.offset === offset ? zone : `FIXED:${offset}:`;
    return { ns: (wallSec - BigInt(offset)) * NS_PER_S + BigInt(nano), zone: z };
  }
  const guess = zoneOffset(zone, Number(wallSec) * 1000).offset;
  const off = zoneOffset(zone, Number(wallSec - BigInt(guess)) * 1000).offset;
  return { ns: (wallSec - BigInt(off)) * NS_PER_S + BigInt(nano), zone };
}
