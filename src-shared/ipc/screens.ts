// The app's screens, in navigation order. Shared because the native menu (main process) sends
// "go to screen X" events and the renderer owns the navigation: both must agree on the ids.
export const SCREENS = [
  'dashboard',
  'consolidation',
  'simulator',
  'analyses',
  'reports',
  'sync',
  'import',
  'settings',
] as const;
export type ScreenId = (typeof SCREENS)[number];

export function isScreenId(value: unknown): value is ScreenId {
  return typeof value === 'string' && (SCREENS as readonly string[]).includes(value);
}
