// The fleet of the overview test: 1,000 meters in 100 buildings
// ("楼N-R" → group "楼N"), readings every 3 hours from 2026-03-12 00:00 to
// today 18:00. Meter i starts at 100 + i kWh (F0999 at 15.00) and falls
// 0.30 kWh per step; meter F0007 stops at 03-14 21:00 (stale). Used by
// overview.test.mjs, which derives its expected values from this.
import { TODAY } from './fixture.mjs';

export const FLEET = 1000;
export const fleetId = (i) => `F${String(i).padStart(4, '0')}`;
export const fleetName = (i) => `楼${Math.floor(i / 10)}-${i % 10}`;
export const STALE_ID = fleetId(7);

export function fleetMeters() {
  return Array.from({ length: FLEET }, (_, i) => `${fleetId(i)}:${fleetName(i)}`).join(',');
}

export function fleetCsv() {
  const rows = ['meter_no,collected_at,remain,remain_money,unit_price'];
  const days = ['2026-03-12', '2026-03-13', '2026-03-14', TODAY];
  for (let i = 0; i < FLEET; i++) {
    let remain = i === FLEET - 1 ? 1500 : (100 + i) * 100;
    for (const day of days) {
      for (let h = 0; h <= 21; h += 3) {
        if (day === TODAY && h > 18) break;
        if (fleetId(i) === STALE_ID && day === TODAY) break;
        const hh = String(h).padStart(2, '0');
        rows.push(`${fleetId(i)},${day} ${hh}:00:00,${(remain / 100).toFixed(2)},${(remain / 200).toFixed(2)},0.5000`);
        remain -= 30;
      }
    }
  }
  return rows.join('\n') + '\n';
}
