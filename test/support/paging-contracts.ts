// What PagerDuty and Opsgenie accept, written down from their published documentation (not from
// lib/webhooks), as draft-07 JSON Schemas checked with ajv. The receivers in the tests answer as
// the services do only when a request passes. Each schema lists every field the vendor documents
// and refuses others, so a misspelt optional field fails too.
import Ajv from 'ajv';
import { expect } from 'vitest';

/**
 * PagerDuty Events API v2, POST https://events.pagerduty.com/v2/enqueue. Sources:
 * - the OpenAPI document, github.com/PagerDuty/api-schema, reference/events-v2/openapiv3.json
 *   (required routing_key and event_action; Payload requires summary, severity, source; severity
 *   and event_action enums; timestamp format date-time; links/images items require href/src);
 * - "Send an Alert Event", developer.pagerduty.com/docs/events-api-v2/trigger-events
 *   (github.com/PagerDuty/developer-docs, docs/events-API-v2/02-Trigger-Events.md): routing_key
 *   "the 32 character Integration Key", dedup_key at most 255 characters, summary at most 1024;
 * - the same OpenAPI document: dedup_key "Required unless the event_type is trigger"; the
 *   resolve example sends routing_key, dedup_key and event_action only.
 */
export const PAGERDUTY_EVENT_SCHEMA = {
  type: 'object',
  required: ['routing_key', 'event_action'],
  additionalProperties: false,
  properties: {
    routing_key: { type: 'string', minLength: 32, maxLength: 32 },
    event_action: { enum: ['trigger', 'acknowledge', 'resolve'] },
    dedup_key: { type: 'string', maxLength: 255 },
    payload: {
      type: 'object',
      required: ['summary', 'severity', 'source'],
      additionalProperties: false,
      properties: {
        summary: { type: 'string', maxLength: 1024 },
        timestamp: { type: 'string', format: 'date-time' },
        severity: { enum: ['critical', 'warning', 'error', 'info'] },
        source: { type: 'string' },
        component: { type: 'string' },
        group: { type: 'string' },
        class: { type: 'string' },
        custom_details: { type: 'object' },
      },
    },
    client: { type: 'string' },
    client_url: { type: 'string', format: 'uri' },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['href'],
        additionalProperties: false,
        properties: { href: { type: 'string', format: 'uri' }, text: { type: 'string' } },
      },
    },
    images: {
      type: 'array',
      items: {
        type: 'object',
        required: ['src'],
        additionalProperties: false,
        properties: {
          src: { type: 'string', format: 'uri' },
          href: { type: 'string', format: 'uri' },
          alt: { type: 'string' },
        },
      },
    },
  },
  // A trigger describes the problem; acknowledge and resolve name the alert they act on.
  if: { properties: { event_action: { const: 'trigger' } } },
  then: { required: ['payload'] },
  else: { required: ['dedup_key'] },
} as const;

/**
 * Opsgenie Alert API, "Create Alert": POST https://api.opsgenie.com/v2/alerts (EU:
 * api.eu.opsgenie.com) with `Authorization: GenieKey <key>`, answered 202. Sources:
 * - docs.opsgenie.com/docs/alert-api, "Create Alert", JSON body fields and limits: message
 *   (mandatory) 130 characters, alias 512, description 15000, responders and visibleTo 50, actions
 *   10 × 50 characters, tags 20 × 50 characters, details 8000 characters in all, entity 512,
 *   source 100, priority P1–P5, user 100, note 25000;
 * - github.com/opsgenie/opsgenie-oas, definitions/alert.yaml, CreateAlertPayload (the types:
 *   details is a map of strings, tags and actions arrays of strings).
 * The 8000-character total of details is checked by `opsgenieDetailsLength` below.
 */
export const OPSGENIE_CREATE_SCHEMA = {
  type: 'object',
  required: ['message'],
  additionalProperties: false,
  properties: {
    message: { type: 'string', minLength: 1, maxLength: 130 },
    alias: { type: 'string', maxLength: 512 },
    description: { type: 'string', maxLength: 15000 },
    responders: { type: 'array', maxItems: 50, items: { type: 'object' } },
    visibleTo: { type: 'array', maxItems: 50, items: { type: 'object' } },
    actions: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 50 } },
    tags: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 50 } },
    details: { type: 'object', additionalProperties: { type: 'string' } },
    entity: { type: 'string', maxLength: 512 },
    source: { type: 'string', maxLength: 100 },
    priority: { enum: ['P1', 'P2', 'P3', 'P4', 'P5'] },
    user: { type: 'string', maxLength: 100 },
    note: { type: 'string', maxLength: 25000 },
  },
} as const;

/**
 * Opsgenie Alert API, "Close Alert": POST /v2/alerts/:identifier/close?identifierType=id|tiny|alias
 * (docs.opsgenie.com/docs/alert-api; default id), body fields user 100 characters, source 100,
 * note 25000, all optional (opsgenie-oas CloseAlertPayload = AlertActionPayload).
 */
export const OPSGENIE_CLOSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    user: { type: 'string', maxLength: 100 },
    source: { type: 'string', maxLength: 100 },
    note: { type: 'string', maxLength: 25000 },
  },
} as const;

export const OPSGENIE_IDENTIFIER_TYPES = ['id', 'tiny', 'alias'];
export const OPSGENIE_DETAILS_MAX_CHARS = 8000;

/** The characters of a details map as Opsgenie counts its limit: every key and value. */
export const opsgenieDetailsLength = (details: Record<string, string>) =>
  Object.entries(details).reduce((n, [k, v]) => n + k.length + v.length, 0);

const ajv = new Ajv({ allErrors: true, jsonPointers: true });

/** Why `body` breaks the contract, one line per problem; [] when it keeps it. */
export function contractErrors(schema: object, body: unknown): string[] {
  const validate = ajv.compile(schema);
  return validate(body)
    ? []
    : (validate.errors ?? []).map((e) => `${e.dataPath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

export function expectContract(schema: object, body: unknown): void {
  expect(contractErrors(schema, body)).toEqual([]);
}
