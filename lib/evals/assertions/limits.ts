// latency and cost: the target's answer against a limit (ms, USD), from TargetAnswer.
import { failure, measured, type Check } from './outcome';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ms = (n: number) => `${integer.format(n)} ms`;
/** Enough digits that a cost just over its limit does not print as equal to it. */
const usd = (n: number) => `$${n >= 1 ? n.toFixed(2) : +n.toPrecision(4)}`;

export const latency: Check = ({ assertion, answer }) => {
  const limit = Number(assertion.value);
  const pass = answer.latencyMs <= limit;
  return {
    pass,
    score: pass ? 1 : 0,
    reason: measured(pass, assertion.not, 'latency', [ms(answer.latencyMs), ms(limit)], ['≤', '>']),
  };
};

export const cost: Check = ({ assertion, answer }) => {
  if (answer.costUsd === null) return failure('the target reported no cost, so a cost limit cannot be checked');
  const limit = Number(assertion.value);
  const pass = answer.costUsd <= limit;
  return {
    pass,
    score: pass ? 1 : 0,
    reason: measured(pass, assertion.not, 'cost', [usd(answer.costUsd), usd(limit)], ['≤', '>']),
  };
};
