import type http from 'node:http';
import { OpenFeature, ProviderEvents, ProviderStatus, type EventDetails } from '@openfeature/server-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createSwitchboard } from '@/lib/sdk/client';
import { SwitchboardProvider } from '@/lib/sdk/openfeature';
import { json, startLocalServer, until, type LocalServer } from '../../support/local-server';

const switchState = (feature: string, killed: boolean) => ({
  feature,
  killed,
  reason: killed ? 'runaway cost' : null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'alice',
});

describe('the OpenFeature provider inside @openfeature/server-sdk', () => {
  let server: LocalServer;
  let streams: http.ServerResponse[];
  let snapshot: { version: number; switches: ReturnType<typeof switchState>[] };

  async function startDashboard() {
    streams = [];
    snapshot = { version: 2, switches: [switchState('support-agent', false), switchState('moderation', true)] };
    server = await startLocalServer((req, res) => {
      if (req.url === '/api/v1/switches/stream') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write(`retry: 50\n\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
        streams.push(res);
      } else if (req.url === '/api/v1/switches') json(res, 200, snapshot);
      else json(res, 200, { rejected: [] });
    });
  }

  afterEach(async () => {
    await OpenFeature.close();
    OpenFeature.clearHandlers();
    await server?.close();
  });

  it('serves each switch as a boolean flag that is true while the feature is enabled', async () => {
    await startDashboard();
    const provider = new SwitchboardProvider({ baseUrl: server.url, apiKey: 'k', logger: { warn: () => {} } });
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(await client.getBooleanValue('support-agent', false)).toBe(true);
    expect(await client.getBooleanValue('moderation', true)).toBe(false);
    const details = await client.getBooleanDetails('moderation', true);
    expect(details).toMatchObject({
      value: false,
      variant: 'killed',
      reason: 'STATIC',
      flagMetadata: { killed: true, reason: 'runaway cost', updatedBy: 'alice', updatedAt: '2026-01-01T00:00:00.000Z' },
    });
    // A feature the dashboard never reported: the caller's default, with FLAG_NOT_FOUND.
    expect(await client.getBooleanDetails('never-seen', true)).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    });
    // Switches are booleans only.
    expect(await client.getStringDetails('support-agent', 'x')).toMatchObject({
      value: 'x',
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
    });
    expect(await client.getNumberValue('support-agent', 3)).toBe(3);
  });

  it('emits configuration changes with the flags that changed, stale when cut off, and ready when back', async () => {
    await startDashboard();
    const switchboard = createSwitchboard({
      baseUrl: server.url,
      apiKey: 'k',
      pollIntervalMs: 50,
      logger: { warn: () => {} },
    });
    const events: { type: string; details?: EventDetails }[] = [];
    for (const type of [
      ProviderEvents.ConfigurationChanged,
      ProviderEvents.Stale,
      ProviderEvents.Ready,
      ProviderEvents.Error,
    ]) {
      OpenFeature.addHandler(type, (details) => void events.push({ type, details }));
    }
    await OpenFeature.setProviderAndWait(new SwitchboardProvider(switchboard));
    const client = OpenFeature.getClient();
    streams[0].write(
      `event: switch\ndata: ${JSON.stringify({ ...switchState('support-agent', true), version: 3 })}\n\n`,
    );
    await until(() => events.some((e) => e.type === ProviderEvents.ConfigurationChanged), 2_000, 'the change event');
    expect(events.find((e) => e.type === ProviderEvents.ConfigurationChanged)!.details!.flagsChanged).toEqual([
      'support-agent',
    ]);
    expect(await client.getBooleanValue('support-agent', true)).toBe(false);

    // Cut off: the stream drops and every request fails.
    server.handle((_req, res) => void res.socket?.destroy());
    streams[0].socket?.destroy();
    await until(() => events.some((e) => e.type === ProviderEvents.Stale), 3_000, 'the stale event');
    expect(client.providerStatus).toBe(ProviderStatus.STALE);
    expect(await client.getBooleanDetails('support-agent', true)).toMatchObject({ value: false, reason: 'STALE' });

    server.handle((req, res) =>
      req.url === '/api/v1/switches' ? json(res, 200, { ...snapshot, version: 3 }) : json(res, 503, {}),
    );
    await until(() => client.providerStatus === ProviderStatus.READY, 3_000, 'ready again');
    // (A Ready handler also runs at once when added while the default provider is ready.)
    const types = events.map((e) => e.type);
    expect(types.slice(types.indexOf(ProviderEvents.ConfigurationChanged))).toEqual([
      ProviderEvents.ConfigurationChanged,
      ProviderEvents.Stale,
      ProviderEvents.ConfigurationChanged,
      ProviderEvents.Ready,
    ]);
    await switchboard.close();
  });

  it('reports an error when the dashboard does not answer in time, and becomes ready when it does', async () => {
    server = await startLocalServer(() => {}); // holds every request
    const events: string[] = [];
    OpenFeature.addHandler(ProviderEvents.Error, () => void events.push('error'));
    OpenFeature.addHandler(ProviderEvents.Ready, () => void events.push('ready'));
    const provider = new SwitchboardProvider({
      baseUrl: server.url,
      apiKey: 'k',
      readyTimeoutMs: 100,
      requestTimeoutMs: 200,
      pollIntervalMs: 50,
      logger: { warn: () => {} },
    });
    await expect(OpenFeature.setProviderAndWait(provider)).rejects.toThrow(/did not answer/);
    const client = OpenFeature.getClient();
    expect(client.providerStatus).toBe(ProviderStatus.ERROR);
    expect(await client.getBooleanValue('support-agent', true)).toBe(true);
    await startDashboardOn(server);
    await until(() => client.providerStatus === ProviderStatus.READY, 5_000, 'ready');
    expect(events.slice(events.indexOf('error'))).toEqual(['error', 'ready']);
    expect(await client.getBooleanValue('moderation', true)).toBe(false);
  });

  function startDashboardOn(s: LocalServer) {
    s.handle((req, res) =>
      json(res, req.url === '/api/v1/switches' ? 200 : 503, {
        version: 1,
        switches: [switchState('moderation', true)],
      }),
    );
  }
});
