import { z } from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^([1-9]\d{0,4})([mhd])$/;

/** Milliseconds in a duration written `30m`, `12h` or `1d`; undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** A duration as `30m`, `12h` or `1d`, parsed into milliseconds. */
export const durationSchema = z.string().transform((text, ctx) => {
  const ms = durationMs(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is not a duration: write a whole number of minutes, hours or days (30m, 12h, 1d)` });
    return z.NEVER;
  }
  return ms;
});
