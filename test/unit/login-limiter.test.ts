import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_POLICY,
  CLIENT_POLICY,
  clientAddress,
  LoginLimiter,
  TooManyAttemptsError,
} from '@/lib/auth/login-limiter';

function limiterAt(start = 1_000_000) {
  const clock = { now: start };
  return { limiter: new LoginLimiter(() => clock.now), clock };
}

describe('login limiter', () => {
  it('locks an account after 5 wrong passwords for 15 minutes, whatever the client', () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures - 1; i++) limiter.failed('Ann@example.test', `10.0.0.${i}`);
    expect(() => limiter.check('ann@example.test', '10.0.0.99')).not.toThrow();
    limiter.failed('ann@example.test', '10.0.0.50');
    expect(() => limiter.check('ANN@example.test', '10.0.0.99')).toThrow(
      new TooManyAttemptsError('Too many wrong passwords for this account; try again in 15 minutes.'),
    );
    expect(() => limiter.check('bob@example.test', '10.0.0.99')).not.toThrow();
    clock.now += ACCOUNT_POLICY.lockMs - 30_000;
    expect(() => limiter.check('ann@example.test', null)).toThrow('try again in 1 minute.');
    clock.now += 30_001;
    expect(() => limiter.check('ann@example.test', null)).not.toThrow();
  });

  it('forgets failures older than the window and those before a successful sign-in', () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures - 1; i++) limiter.failed('ann@example.test', null);
    clock.now += ACCOUNT_POLICY.windowMs + 1;
    limiter.failed('ann@example.test', null);
    expect(() => limiter.check('ann@example.test', null)).not.toThrow();
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures - 2; i++) limiter.failed('ann@example.test', null);
    limiter.succeeded('ann@example.test');
    limiter.failed('ann@example.test', null);
    expect(() => limiter.check('ann@example.test', null)).not.toThrow();
  });

  it('locks a client that guesses across many accounts after 20 failures', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < CLIENT_POLICY.maxFailures; i++) limiter.failed(`user${i}@example.test`, '203.0.113.7');
    expect(() => limiter.check('fresh@example.test', '203.0.113.7')).toThrow(
      'Too many failed sign-ins from your address; try again in 15 minutes.',
    );
    expect(() => limiter.check('fresh@example.test', '203.0.113.8')).not.toThrow();
  });

  it('takes the client from the last X-Forwarded-For entry (the one a proxy added)', () => {
    expect(clientAddress({ 'x-forwarded-for': 'spoofed, 198.51.100.4' })).toBe('198.51.100.4');
    expect(clientAddress({ 'x-forwarded-for': '::1' })).toBe('::1');
    expect(clientAddress({})).toBeNull();
    expect(clientAddress(undefined)).toBeNull();
  });
});
