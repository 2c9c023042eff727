import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { switchLaneRoute } from '@/lib/server/switch-lane';

const request = (method: string, url: string, authorization: string | null = 'Bearer sb_x') =>
  ({ method, url, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;

describe('the switch lane', () => {
  it('takes keyed streams, switch reads and flips', () => {
    expect(switchLaneRoute(request('GET', '/api/v1/switches/stream'))).not.toBeNull();
    expect(switchLaneRoute(request('GET', '/api/v1/switches/stream?x=1'))).not.toBeNull();
    expect(switchLaneRoute(request('GET', '/api/v1/switches/checkout'))).not.toBeNull();
    expect(switchLaneRoute(request('PUT', '/api/v1/switches/checkout%2Fv2%20%C3%BC'))).not.toBeNull();
  });

  it('leaves to Next what has no key, other paths and methods, and paths Next must refuse', () => {
    expect(switchLaneRoute(request('PUT', '/api/v1/switches/checkout', null))).toBeNull();
    expect(switchLaneRoute(request('GET', '/api/v1/switches/stream', null))).toBeNull();
    expect(switchLaneRoute(request('GET', '/api/v1/switches'))).toBeNull();
    expect(switchLaneRoute(request('GET', '/api/v1/switches/'))).toBeNull();
    expect(switchLaneRoute(request('GET', '/api/v1/switches/checkout/history'))).toBeNull();
    expect(switchLaneRoute(request('POST', '/api/v1/switches/stream'))).toBeNull();
    expect(switchLaneRoute(request('DELETE', '/api/v1/switches/checkout'))).toBeNull();
    expect(switchLaneRoute(request('GET', '/api/v1/switches/%ff'))).toBeNull();
    expect(switchLaneRoute(request('POST', '/api/v1/calls'))).toBeNull();
  });
});
