/** A timestamptz rendered as the same ISO-8601 UTC text JSON.stringify gives a Date (for json_agg payloads). */
export function isoSql(expr: string): string {
  return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
