// AssemblyScript, part of pdhScan.ts: perfmon's local timestamp, as pdhTime.ts parsePdhTimeBytes.

@inline
function two(p: usize): i32 {
  const a = <u32>load<u8>(p) - 48;
  const b = <u32>load<u8>(p, 1) - 48;
  return a > 9 || b > 9 ? -1 : <i32>(a * 10 + b);
}

/**
 * pdhTime.ts parsePdhTimeBytes for `[start, end)`: `MM/dd/yyyy HH:mm:ss[.f[f[f]]]` as UTC ms, NaN
 * when it is not one; a leap second (`:60`) is refused too (the JS side then decides).
 */
export function parseTime(start: usize, end: usize): f64 {
  const len = <i32>(end - start);
  if (len < 19 || load<u8>(start, 2) != 47 || load<u8>(start, 5) != 47 || load<u8>(start, 10) != 32 || load<u8>(start, 13) != 58 || load<u8>(start, 16) != 58) return NaN;
  const month = two(start);
  const day = two(start + 3);
  const y1 = two(start + 6);
  const y2 = two(start + 8);
  const hour = two(start + 11);
  const minute = two(start + 14);
  const second = two(start + 17);
  let ms: i32 = 0;
  if (len > 19) {
    if (load<u8>(start, 19) != 46 || len > 23 || len < 21) return NaN;
    for (let i = 20; i < len; i++) {
      const d = <u32>load<u8>(start + i) - 48;
      if (d > 9) return NaN;
      ms = ms * 10 + <i32>d;
    }
    if (len == 21) ms *= 100;
    else if (len == 22) ms *= 10;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || y1 < 0 || y2 < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  const year = y1 * 100 + y2;
  const leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  const monthDays = month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  if (day > monthDays) return NaN;
  // days from 1970-01-01 (proleptic Gregorian, as Date.UTC and utcMs)
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = (153 * mp + 2) / 5 + day - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const days = <i64>(era * 146097 + doe - 719468);
  return <f64>(days * 86400000 + <i64>(hour * 3600000 + minute * 60000 + second * 1000 + ms));
}
