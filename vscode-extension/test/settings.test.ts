import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientOnlySettings, needsRestart, serverSettings, serverSettingsPayload } from '../src/settings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
const contributed = Object.keys(manifest.contributes.configuration.properties).map(k => k.replace(/^nanolsp\./, ''));

describe('settings', () => {
  it('PayloadIsNestedAsTheServerReadsIt', () => {
    const values: Record<string, unknown> = { 'inlineCompletion.enabled': false, 'inlineCompletion.maxLength': 80, logLevel: 'debug' };
    expect(serverSettingsPayload(k => values[k])).toEqual({
      nanolsp: { inlineCompletion: { enabled: false, maxLength: 80 }, logLevel: 'debug' },
    });
  });

  it('EmptyModelPathMeansTheShippedModel', () => {
    expect(serverSettingsPayload(k => (k === 'model.path' ? '  ' : undefined))).toEqual({ nanolsp: { model: { path: null } } });
  });

  it('ClientOnlySettingsAreNotSent', () => {
    const payload = serverSettingsPayload(() => 'x');
    expect(payload.nanolsp).not.toHaveProperty('server');
    expect(payload.nanolsp).not.toHaveProperty('trace');
  });

  it('EverySettingTheManifestContributesIsSentOrClientOnly', () => {
    const known = new Set<string>([...serverSettings, ...clientOnlySettings]);
    expect(contributed.filter(k => !known.has(k))).toEqual([]);
    expect([...known].filter(k => !contributed.includes(k))).toEqual([]);
  });

  it('ManifestDefaultsMatchTheServerDefaultsInTheProtocolDoc', () => {
    // docs/protocol.md's settings table is the server's contract: a default that drifts is a bug.
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'protocol.md'), 'utf8');
    for (const key of serverSettings.filter(k => k !== 'model.path')) {
      const row = doc.split('\n').find(line => line.startsWith(`| \`nanolsp.${key}\``));
      expect(row, key).toBeDefined();
      const docDefault = row!.split('|')[2].trim().replace(/`/g, '');
      const manifestDefault = manifest.contributes.configuration.properties[`nanolsp.${key}`].default;
      // A list default (nanolsp.backends) is written as JSON in the doc.
      expect(typeof manifestDefault === 'object' && manifestDefault !== null ? JSON.stringify(manifestDefault) : String(manifestDefault), key).toBe(docDefault);
    }
  });

  it('BackendsAreSentAsTheListTheServerReads', () => {
    const backends = [{ kind: 'openai', name: 'team', baseUrl: 'http://gpu:8080/v1', model: 'nano-csharp', apiKeyEnv: 'TEAM_KEY' }, { kind: 'local' }];
    const values: Record<string, unknown> = { backends, 'routing.policy': 'remoteForInvoked', 'routing.hedgeAfterMs': null };
    expect(serverSettingsPayload(k => values[k])).toEqual({
      nanolsp: { backends, routing: { policy: 'remoteForInvoked', hedgeAfterMs: null } },
    });
  });

  it('OnlyAServerPathChangeNeedsARestart', () => {
    expect(needsRestart(s => s === 'nanolsp.server.path')).toBe(true);
    expect(needsRestart(s => s === 'nanolsp.inlineCompletion.enabled')).toBe(false);
  });
});
