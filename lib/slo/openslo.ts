// A feature's SLOs in and out of OpenSLO (docs/slos.md#openslo): one `kind: SLO` document per SLO,
// our SLI's fields in `good.metricSource.spec`. Budgets and auto-trip have no OpenSLO form.
import { stringify } from 'yaml';
import {
  OPENSLO_API_VERSION,
  openSloDocumentsSchema,
  SWITCHBOARD_SOURCE,
  type OpenSloSlos,
} from '@/lib/validations/openslo';
import type { Slo } from '@/lib/validations/slo';
import { canonicalSlo } from './document';

export interface OpenSloDocument {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'SLO';
  metadata: { name: string };
  spec: {
    service: string;
    indicator: {
      metadata: { name: string };
      spec: {
        ratioMetric: {
          counter: true;
          good: { metricSource: { type: typeof SWITCHBOARD_SOURCE; spec: Record<string, unknown> } };
          total: { metricSource: { type: typeof SWITCHBOARD_SOURCE } };
        };
      };
    };
    timeWindow: [{ duration: Slo['window']; isRolling: true }];
    budgetingMethod: 'Occurrences';
    objectives: [{ target: number }];
  };
}

/** True for a body or file in OpenSLO's shape (a list of documents, or one with apiVersion/kind), not our document. */
export function isOpenSlo(value: unknown): boolean {
  return (
    Array.isArray(value) || (typeof value === 'object' && value !== null && ('apiVersion' in value || 'kind' in value))
  );
}

/** The SLOs of OpenSLO documents, every default written out; throws a ZodError naming each refused field. */
export function fromOpenSlo(documents: unknown, feature?: string): OpenSloSlos {
  const { service, slos } = openSloDocumentsSchema(feature).parse(Array.isArray(documents) ? documents : [documents]);
  return { service, slos: slos.map(canonicalSlo) };
}

/** One document per SLO, in their order, with every field our document writes (defaults included). */
export function toOpenSlo(feature: string, slos: Slo[]): OpenSloDocument[] {
  return slos.map((slo) => {
    const { name, objective, window, ...sliFields } = canonicalSlo(slo);
    return {
      apiVersion: OPENSLO_API_VERSION,
      kind: 'SLO',
      metadata: { name },
      spec: {
        service: feature,
        indicator: {
          metadata: { name },
          spec: {
            ratioMetric: {
              counter: true,
              good: { metricSource: { type: SWITCHBOARD_SOURCE, spec: sliFields } },
              total: { metricSource: { type: SWITCHBOARD_SOURCE } },
            },
          },
        },
        timeWindow: [{ duration: window, isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: objective }],
      },
    };
  });
}

/** The documents as one multi-document YAML file (`---` between them); empty for none. */
export function formatOpenSlo(documents: OpenSloDocument[]): string {
  return documents.map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');
}
