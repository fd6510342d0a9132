/**
 * Go's time.Time for templates: a GoStruct of type time.Time with Go's common methods, backed
 * by a GoTime. "Local" is the zone the caller injects (hcp passes UTC unless told otherwise).
 */
import { type GoFunc, GoInt, GoStruct, goFunc } from "../template/value.ts";
import { formatTime } from "./time-layout.ts";
import { DAYS, fieldsOf, floorDiv, type GoTime, MONTHS, NS_PER_S } from "./time-zone.ts";

export { formatDuration, parseDuration } from "./duration.ts";
export { formatTime, parseTime, tokenizeLayout } from "./time-layout.ts";
export { type GoTime, isKnownZone } from "./time-zone.ts";

const TIME_VALUES = new WeakMap<GoStruct, GoTime>();

/** The GoTime behind a time.Time template value, if it is one. */
export function timeOf(v: unknown): GoTime | undefined {
  return v instanceof GoStruct ? TIME_VALUES.get(v) : undefined;
}

/** A named Go type with a String method (time.Month, time.Weekday). */
function named(typeName: string, name: string): GoStruct {
  return new GoStruct(typeName, {}, { String: goFunc([], () => name) });
}

/** Wraps a GoTime as a template value of type time.Time with Go's common methods. */
export function timeValue(t: GoTime, localZone: string): GoStruct {
  const f = () => fieldsOf(t);
  const int = (n: number | bigint) => new GoInt(n);
  const methods: Record<string, GoFunc> = {
    String: goFunc([], () => formatTime(t, "2006-01-02 15:04:05.999999999 -0700 MST")),
    // json.Marshaler: any JSON/YAML encoder over the value model can honour it, as Go's does.
    MarshalJSON: goFunc(
      [],
      () => new TextEncoder().encode(`"${formatTime(t, "2006-01-02T15:04:05.999999999Z07:00")}"`),
      { returnsError: true },
    ),
    Format: goFunc(["string"], (layout: string) => formatTime(t, layout)),
    Year: goFunc([], () => int(f().year)),
    Month: goFunc([], () => named("time.Month", MONTHS[f().month - 1]!)),
    Day: goFunc([], () => int(f().day)),
    Hour: goFunc([], () => int(f().hour)),
    Minute: goFunc([], () => int(f().minute)),
    Second: goFunc([], () => int(f().second)),
    Nanosecond: goFunc([], () => int(f().nano)),
    YearDay: goFunc([], () => int(f().yday)),
    Weekday: goFunc([], () => named("time.Weekday", DAYS[f().weekday]!)),
    Unix: goFunc([], () => floorDiv(t.ns, NS_PER_S)),
    UnixMilli: goFunc([], () => floorDiv(t.ns, 1_000_000n)),
    UnixNano: goFunc([], () => t.ns),
    UTC: goFunc([], () => timeValue({ ns: t.ns, zone: "UTC" }, localZone)),
    Local: goFunc([], () => timeValue({ ns: t.ns, zone: localZone }, localZone)),
    IsZero: goFunc([], () => t.ns === ZERO_TIME_NS),
    AddDate: goFunc(["int", "int", "int"], (y: GoInt, m: GoInt, d: GoInt) => {
      const x = f();
      const sec = floorDiv(t.ns, NS_PER_S);
      const rem = t.ns - sec * NS_PER_S;
      const wall = Date.UTC(
        x.year + Number(y.value),
        x.month - 1 + Number(m.value),
        x.day + Number(d.value),
        x.hour,
        x.minute,
        x.second,
      );
      const ns = BigInt(wall / 1000 - x.offset) * NS_PER_S + rem;
      return timeValue({ ns, zone: t.zone }, localZone);
    }),
  };
  const v = new GoStruct("time.Time", {}, methods);
  TIME_VALUES.set(v, t);
  return v;
}

/** The Unix nanoseconds of Go's zero time (January 1, year 1, 00:00:00 UTC). */
export const ZERO_TIME_NS = -62135596800n * NS_PER_S;
