/** "3d", "5h", "12m", "40s": the age of an object, as kubectl prints it. */
export function formatAge(timestamp: string | undefined, now: number = Date.now()): string {
  if (timestamp === undefined) {
    return "—";
  }
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (seconds < 60) return `${String(seconds)}s`;
  if (seconds < 3600) return `${String(Math.floor(seconds / 60))}m`;
  if (seconds < 86400) return `${String(Math.floor(seconds / 3600))}h`;
  return `${String(Math.floor(seconds / 86400))}d`;
}
