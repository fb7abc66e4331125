// Session and settings: the connection (URL kept by the SecretStore, only a redacted form in
// settings.json), the identity confirmed by the central database, first run.
import type { SessionInfo } from '../../../../src-shared/ipc/dto/session';
import { getCacheStatus } from '../../cache/status';
import type { HandlerContext } from '../context';
import type { HandlerFn } from '../handler-types';
import { connectionInfo, displayUrl, identify, testConnection } from '../services/central';
import { readSettings, storeIdentity, writeSettings } from '../services/settings-store';
import { stateOf } from '../services/state';

function hasLocalData(ctx: HandlerContext): boolean {
  try {
    return getCacheStatus(ctx.cachePath).lastSync !== null;
  } catch {
    return false;
  }
}

export function sessionInfo(ctx: HandlerContext): SessionInfo {
  const settings = readSettings(ctx.userDataDir);
  const connection = connectionInfo(ctx);
  return {
    firstRun: connection.mode === 'none' && !settings.setupDone && !hasLocalData(ctx),
    connection,
    identity: settings.identity,
    secretStorage: stateOf(ctx).secrets.kind,
    userDataDir: ctx.userDataDir,
  };
}

export const sessionGet: HandlerFn<'session:get'> = (_input, ctx) => sessionInfo(ctx);

export const sessionIdentify: HandlerFn<'session:identify'> = async (_input, ctx) => {
  const identity = await identify(ctx);
  const before = readSettings(ctx.userDataDir).identity;
  storeIdentity(ctx.userDataDir, identity);
  if (before?.login !== identity.login || before.role !== identity.role) {
    ctx.events.emit('session:changed', {});
  }
  return identity;
};

export const settingsTestConnection: HandlerFn<'settings:test-connection'> = ({ url }) =>
  testConnection(url);

export const settingsSaveConnection: HandlerFn<'settings:save-connection'> = async (input, ctx) => {
  if (input.mode === 'central') {
    // Refuse a connection that does not work: the first sync would only fail later, offline.
    await testConnection(input.url);
    // settings.json first: it may refuse (a file it cannot read now), and then nothing changed.
    writeSettings(ctx.userDataDir, {
      connection: { mode: 'central', display: displayUrl(input.url) },
      identity: null,
      setupDone: true,
    });
    stateOf(ctx).secrets.write(input.url);
  } else {
    writeSettings(ctx.userDataDir, {
      connection: { mode: 'demo', display: null },
      identity: null,
      setupDone: true,
    });
    stateOf(ctx).secrets.clear();
  }
  ctx.events.emit('session:changed', {});
  return sessionInfo(ctx);
};

export const settingsForgetConnection: HandlerFn<'settings:forget-connection'> = (_i, ctx) => {
  writeSettings(ctx.userDataDir, { connection: { mode: 'none', display: null }, identity: null });
  stateOf(ctx).secrets.clear();
  ctx.events.emit('session:changed', {});
  return sessionInfo(ctx);
};

export const settingsSkipSetup: HandlerFn<'settings:skip-setup'> = (_i, ctx) => {
  writeSettings(ctx.userDataDir, { setupDone: true });
  return sessionInfo(ctx);
};

/**
 * The renderer keeps the user's language (localStorage) and tells it here at start-up and on each
 * change: it is written to settings.json (only when it changed) for the next start's Chromium
 * locale, and the desktop glue redraws its menu in it.
 */
export const settingsSetLanguage: HandlerFn<'settings:set-language'> = ({ language }, ctx) => {
  if (readSettings(ctx.userDataDir).language !== language) {
    writeSettings(ctx.userDataDir, { language });
  }
  ctx.platform?.languageChanged?.(language);
  const launched = ctx.platform?.launchLanguage;
  return { language, restartNeeded: launched !== undefined && launched !== language };
};
