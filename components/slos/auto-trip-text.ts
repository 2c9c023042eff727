// What auto-trip does, in the words both the form and the read-only view use.
import type { AutoTrip } from '@/lib/validations/slo';

export const AUTO_TRIP_CHOICES: { name: keyof AutoTrip; label: string; description: string }[] = [
  {
    name: 'onPageAlert',
    label: 'Kill on a page alert',
    description:
      'When a fast-burn (page) alert fires on one of the SLOs, the kill switch is flipped and the feature serves its fallback.',
  },
  {
    name: 'onBudgetExhausted',
    label: 'Kill when the cost budget is spent',
    description: 'When the daily or monthly spend reaches 100% of its budget, the kill switch is flipped.',
  },
];

export const AUTO_TRIP_EXPLANATION =
  'Auto-trip flips this feature’s kill switch by itself and sends a notification that says why. It never flips it back: a person does that, with a reason. Both are off unless you turn them on.';
