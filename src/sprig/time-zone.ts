/**
 * Go's time.Time as data: an instant (Unix nanoseconds) plus a zone, and the calendar fields of
 * it in that zone. Offsets and abbreviations for IANA names come from Intl (ICU).
 */

/** English month names, January first. */
export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** English weekday names, Sunday first. */
export const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A Go time.Time value. */
export interface GoTime {
  /** Nanoseconds since the Unix epoch. */
  readonly ns: bigint;
  /** IANA zone name, "UTC", or a fixed zone written as "FIXED:<offsetSeconds>:<name>". */
  readonly zone: string;
}

/** The calendar fields of an instant in its zone. */
export interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  nano: number;
  weekday: number;
  yday: number;
  offset: number; // seconds east of UTC
  abbrev: string;
}

/** Nanoseconds per second. */
export const NS_PER_S = 1_000_000_000n;

/** Floor division of bigints. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Reports whether a zone name is known (time.LoadLocation succeeds). */
export function isKnownZone(zone: string): boolean {
  if (zone === "UTC" || zone === "" || zone === "Local") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Locales whose short zone names match the tz database's abbreviations for their regions
 * (Intl's en-US says "GMT+1" where Go says "CET"). A zone whose name no locale spells in
 * letters gets Go's numeric form ("+03").
 */
const ABBREV_LOCALES = ["en-US", "en-GB", "en-IN", "en-AU", "en-NZ", "en-ZA", "en-CA", "ja-JP"];
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, zone: string): Intl.DateTimeFormat {
  const key = `${locale} ${zone}`;
  let f = FORMATS.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      timeZoneName: "short",
    });
    if (FORMATS.size > 1000) FORMATS.clear();
    FORMATS.set(key, f);
  }
  return f;
}

/** The UTC offset (seconds east) and abbreviation of `zone` at Unix milliseconds `ms`. */
export function zoneOffset(zone: string, ms: number): { offset: number; abbrev: string } {
  if (zone === "UTC" || zone === "") return { offset: 0, abbrev: "UTC" };
  if (zone.startsWith("FIXED:")) {
    const [, off = "0", name = ""] = zone.split(":");
    return { offset: Number(off), abbrev: name };
  }
  const date = new Date(ms);
  const parts = Object.fromEntries(
    formatter("en-US", zone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    Number(parts["year"]),
    Number(parts["month"]) - 1,
    Number(parts["day"]),
    Number(parts["hour"]),
    Number(parts["minute"]),
    Number(parts["second"]),
  );
  const offset = Math.round((local - Math.floor(ms / 1000) * 1000) / 1000);
  // tzdata spells quarter-hour zones numerically (Chatham "+1345") even where ICU has letters.
  for (const locale of offset % 1800 === 0 ? ABBREV_LOCALES : []) {
    const name = formatter(locale, zone)
      .formatToParts(date)
      .find((p) => p.type === "timeZoneName")?.value;
    if (name !== undefined && /^[A-Z]{2,5}$/.test(name)) return { offset, abbrev: name };
  }
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 3600)).padStart(2, "0");
  const mm = abs % 3600 === 0 ? "" : String(Math.floor((abs % 3600) / 60)).padStart(2, "0");
  return { offset, abbrev: `${sign}${hh}${mm}` };
}

/** The calendar fields of a GoTime in its zone. */
export function fieldsOf(t: GoTime): Fields {
  const sec = floorDiv(t.ns, NS_PER_S);
  const nano = Number(t.ns - sec * NS_PER_S);
  const { offset, abbrev } = zoneOffset(t.zone, Number(sec) * 1000);
  const d = new Date((Number(sec) + offset) * 1000);
  const year = d.getUTCFullYear();
  const startOfYear = Date.UTC(year, 0, 1);
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nano,
    weekday: d.getUTCDay(),
    yday: Math.floor((d.getTime() - startOfYear) / 86_400_000) + 1,
    offset,
    abbrev,
  };
}
