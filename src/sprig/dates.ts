/**
 * Sprig's date functions with an injected clock: now, date, dateInZone, htmlDate, toDate,
 * dateModify, ago, duration, durationRound, unixEpoch (and their snake_case/must aliases).
 */
import { goTypeName } from "../template/fmt.ts";
import { type FuncMap, GoInt, goFunc } from "../template/value.ts";
import { parseGoIntBase } from "./cast.ts";
import {
  formatDuration,
  formatTime,
  type GoTime,
  isKnownZone,
  parseDuration,
  parseTime,
  timeOf,
  timeValue,
  ZERO_TIME_NS,
} from "./go-time.ts";

const NS_PER_S = 1_000_000_000n;

/** Options for the date functions. */
export interface DateOptions {
  readonly now: () => Date;
  /** The zone Go's time.Local stands for (IANA name or "UTC"). */
  readonly localZone: string;
}

function requireTime(v: unknown): GoTime {
  const t = timeOf(v);
  if (t === undefined) {
    const got = v === null || v === undefined ? "<nil>" : goTypeName(v);
    throw new Error(`wrong type for value; expected time.Time; got ${got}`);
  }
  return t;
}

/** Duration.Round(m), rounding halves away from zero. */
function roundDuration(d: bigint, m: bigint): bigint {
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    return d - m + r;
  }
  if (r + r < m) return d - r;
  return d + m - r;
}

/** Sprig's durationRound: the largest whole unit ("2h", "3mo", "1y") of a duration. */
export function durationRound(d: bigint): string {
  const u = d < 0n ? -d : d;
  const hour = 3600n * NS_PER_S;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, "y"],
    [hour * 24n * 30n, "mo"],
    [hour * 24n, "d"],
    [hour, "h"],
    [60n * NS_PER_S, "m"],
    [NS_PER_S, "s"],
  ];
  for (const [size, name] of units) if (u > size) return `${u / size}${name}`;
  return "0s";
}

/** The date functions. */
export function dateFuncs(options: DateOptions): FuncMap {
  const local = options.localZone;
  const nowTime = (): GoTime => ({ ns: BigInt(options.now().getTime()) * 1_000_000n, zone: local });
  const asTime = (v: unknown): GoTime => {
    const t = timeOf(v);
    if (t !== undefined) return t;
    if (typeof v === "bigint") return { ns: v * NS_PER_S, zone: local };
    if (v instanceof GoInt && (v.kind === "int" || v.kind === "int32")) {
      return { ns: v.value * NS_PER_S, zone: local };
    }
    return nowTime();
  };
  const inZone = (layout: string, date: unknown, zone: string): string => {
    const t = asTime(date);
    const z = zone === "Local" ? local : isKnownZone(zone) ? zone : "UTC";
    return formatTime({ ns: t.ns, zone: z === "" ? "UTC" : z }, layout);
  };
  const wrap = (t: GoTime) => timeValue(t, local);
  const I = "interface {}" as const;
  const S = "string" as const;
  const dateModify = goFunc([S, I], (d: string, date: unknown) => {
    const t = requireTime(date);
    try {
      return wrap({ ns: t.ns + parseDuration(d), zone: t.zone });
    } catch {
      return date;
    }
  });
  const mustDateModify = goFunc(
    [S, I],
    (d: string, date: unknown) => {
      const t = requireTime(date);
      return wrap({ ns: t.ns + parseDuration(d), zone: t.zone });
    },
    { returnsError: true },
  );
  const dateInZone = goFunc([S, I, S], (layout: string, date: unknown, zone: string) =>
    inZone(layout, date, zone),
  );
  return {
    now: goFunc([], () => wrap(nowTime())),
    date: goFunc([S, I], (layout: string, date: unknown) => inZone(layout, date, "Local")),
    date_in_zone: dateInZone,
    dateInZone,
    htmlDate: goFunc([I], (date: unknown) => inZone("2006-01-02", date, "Local")),
    htmlDateInZone: goFunc([I, S], (date: unknown, zone: string) =>
      inZone("2006-01-02", date, zone),
    ),
    date_modify: dateModify,
    dateModify,
    must_date_modify: mustDateModify,
    mustDateModify,
    toDate: goFunc([S, S], (layout: string, s: string) => {
      try {
        return wrap(parseTime(layout, s, local));
      } catch {
        return wrap({ ns: ZERO_TIME_NS, zone: "UTC" });
      }
    }),
    mustToDate: goFunc([S, S], (layout: string, s: string) => wrap(parseTime(layout, s, local)), {
      returnsError: true,
    }),
    unixEpoch: goFunc([I], (date: unknown) => {
      const t = requireTime(date);
      const sec = t.ns / NS_PER_S - (t.ns % NS_PER_S < 0n ? 1n : 0n);
      return sec.toString();
    }),
    ago: goFunc([I], (date: unknown) => {
      let t: GoTime;
      const tv = timeOf(date);
      if (tv !== undefined) t = tv;
      else if (typeof date === "bigint") t = { ns: date * NS_PER_S, zone: local };
      else if (date instanceof GoInt && date.kind === "int")
        t = { ns: date.value * NS_PER_S, zone: local };
      else t = nowTime();
      return formatDuration(roundDuration(nowTime().ns - t.ns, NS_PER_S));
    }),
    duration: goFunc([I], (sec: unknown) => {
      let n = 0n;
      if (typeof sec === "string") n = parseGoIntBase(sec, 10) ?? 0n;
      else if (typeof sec === "bigint") n = sec;
      return formatDuration(BigInt.asIntN(64, n * NS_PER_S));
    }),
    durationRound: goFunc([I], (v: unknown) => {
      let d = 0n;
      const tv = timeOf(v);
      if (typeof v === "string") {
        try {
          d = parseDuration(v);
        } catch {
          d = 0n;
        }
      } else if (typeof v === "bigint") d = v;
      else if (tv !== undefined) d = nowTime().ns - tv.ns;
      return durationRound(d);
    }),
  };
}
