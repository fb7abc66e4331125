// Live what-if sessions of the simulator, by id. Each holds a baseline in memory (megabytes on a
// large cache), so only a few are kept: opening a fourth drops the least recently used one, and
// a request on a dropped session gets NOT_FOUND (the screen then reopens it).
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../src-shared/errors';
import type { ScenarioSession } from '../../whatif/session';

const MAX_SESSIONS = 3;

export class WhatIfSessions {
  private readonly sessions = new Map<string, ScenarioSession>();

  add(session: ScenarioSession): string {
    const id = randomUUID();
    this.sessions.set(id, session);
    while (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    return id;
  }

  get(id: string): ScenarioSession {
    const s = this.sessions.get(id);
    if (!s) {
      throw new AppError('NOT_FOUND', `what-if session ${id} is closed: reopen the scenario`);
    }
    // Map order is insertion order: re-inserting marks it as the most recently used.
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return s;
  }

  close(id: string): boolean {
    return this.sessions.delete(id);
  }

  clear(): void {
    this.sessions.clear();
  }
}
