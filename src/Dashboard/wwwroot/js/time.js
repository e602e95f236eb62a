// Times for people, in the county's time zone (config County:TimeZone, default Asia/Shanghai, put in every
// page by App.razor), whatever zone the browser runs in. Times on the wire stay ISO instants.
export const zone = document.querySelector('meta[name="county-time-zone"]')?.content || 'Asia/Shanghai';

const formatter = opts => new Intl.DateTimeFormat('zh-CN', { hourCycle: 'h23', timeZone: zone, ...opts });
const dateTime = formatter({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const monthDayTime = formatter({ month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const clock = formatter({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
const hourMinute = formatter({ hour: '2-digit', minute: '2-digit' });
const ms = t => typeof t === 'number' ? t : Date.parse(t);

/** "2026-12-04 18:00:05" */
export const fmtDateTime = t => dateTime.format(ms(t)).replace(/\//g, '-');
/** "12/04 18:00:05" */
export const fmtMonthDayTime = t => monthDayTime.format(ms(t));
/** "18:00:05" */
export const fmtClock = t => clock.format(ms(t));
/** "18:00" */
export const fmtHourMinute = t => hourMinute.format(ms(t));

/** The county's UTC offset at instant t, in ms (+8 h for Asia/Shanghai). */
export function offsetMs(t) {
  const p = Object.fromEntries(dateTime.formatToParts(ms(t)).map(x => [x.type, x.value]));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return wall - Math.floor(ms(t) / 1000) * 1000;
}

/** The instant the county's calendar day daysAgo days before today (or the day of `at`) began. */
export function countyMidnight(daysAgo = 0, at = Date.now()) {
  const local = new Date(at + offsetMs(at));
  const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysAgo);
  return wall - offsetMs(wall - offsetMs(wall));
}

/** A "yyyy-mm-dd" date of the county's calendar: the instant its day began. */
export function countyDateStart(isoDate) {
  const wall = Date.parse(`${isoDate}T00:00:00Z`);
  return wall - offsetMs(wall - offsetMs(wall));
}
