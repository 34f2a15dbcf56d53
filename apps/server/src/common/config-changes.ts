import { Injectable } from '@nestjs/common';

export type ConfigTopic = 'flows' | 'calendars' | 'agents';

/**
 * In-process notice that the administrator changed something a running service keeps in
 * memory (the published flows and their entry numbers, the business hours calendars, the
 * agents and their skills, which the ACD routes by). The
 * admin services announce, the contact center reloads; neither module imports the other.
 * `changed` resolves once every listener has reloaded, so the answer to the admin's request
 * means "in effect".
 */
@Injectable()
export class ConfigChanges {
  private readonly listeners = new Map<ConfigTopic, Set<() => Promise<void>>>();

  on(topic: ConfigTopic, listener: () => Promise<void>): void {
    const set = this.listeners.get(topic) ?? new Set();
    set.add(listener);
    this.listeners.set(topic, set);
  }

  async changed(topic: ConfigTopic): Promise<void> {
    await Promise.all([...(this.listeners.get(topic) ?? [])].map((listener) => listener()));
  }
}
