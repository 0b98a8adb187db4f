/**
 * Mermaid sequence diagrams of proven call paths, drawn from the verifier's steps: the picture a
 * reader sees is the path that was checked, with the Terraform address of every step.
 */
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import type { CallResult, StepResult } from './model';

const API = 'API Gateway';

function sourceLabel(call: CallDeclaration): string {
  const from = call.from;
  if ('internet' in from) return 'Internet client';
  if ('cidr' in from) return `${from.label} (${from.cidr})`;
  return `Client ${from.client}`;
}

function dnsLabel(call: CallDeclaration): string {
  const dns = call.dns;
  switch (dns.kind) {
    case 'private-dns':
      return 'the private DNS name of the API';
    case 'endpoint-hostname':
      return `the endpoint hostname with ${dns.header}`;
    case 'alias':
      return 'the Route 53 alias {api-id}-{vpce-id}';
    case 'custom-domain':
      return dns.name;
    case 'public':
      return 'the public invoke URL';
    case 'aws-service':
      return `${dns.service}.{region}.amazonaws.com`;
  }
}

/** Text safe inside a Mermaid message or note. */
function text(value: string): string {
  return value
    .replace(/[;#<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sequenceDiagram(result: CallResult): string {
  const call = result.call;
  const ids = new Map<string, string>();
  const lines: string[] = [];
  const lane = (label: string): string => {
    let id = ids.get(label);
    if (!id) {
      id = `p${ids.size}`;
      ids.set(label, id);
    }
    return id;
  };
  const client = sourceLabel(call);
  let current = lane(client);
  const note = (step: StepResult) =>
    lines.push(`  Note over ${current}: ${step.step} ${text(step.address)}`);
  let previous = current;
  const send = (to: string, message: string) => {
    const target = lane(to);
    if (target !== current) lines.push(`  ${current}->>${target}: ${text(message)}`);
    previous = current;
    current = target;
  };
  for (const step of result.steps) {
    switch (step.step) {
      case 'client':
        if (step === result.steps[0]) note(step);
        else lines.push(`  Note over ${previous}: egress ${text(step.address)}`);
        break;
      case 'dns':
        if (step.to !== 'DNS') note(step);
        else if (step.address.startsWith('aws_route53_resolver_endpoint.'))
          lines.push(
            `  ${current}->>${lane('DNS')}: ${text(`forward the query to ${step.address}`)}`,
          );
        else {
          lines.push(`  ${current}->>${lane('DNS')}: ${text(`resolve ${dnsLabel(call)}`)}`);
          lines.push(`  ${lane('DNS')}-->>${current}: ${text(step.address)}`);
        }
        break;
      case 'network':
        send(step.to ?? 'network', `${step.step} ${step.address}`);
        break;
      case 'method':
        send(API, `${call.method} ${call.path}`);
        note(step);
        break;
      case 'listener':
        send(step.to ?? 'load balancer', `${step.step} ${step.address}`);
        break;
      case 'integration':
        note(step);
        if (step.to && step.to !== 'API') send(step.to, `${call.method} ${call.path}`);
        break;
      default:
        note(step);
    }
  }
  const participants = [...ids].map(([label, id]) => `  participant ${id} as ${text(label)}`);
  return ['sequenceDiagram', ...participants, ...lines].join('\n');
}

/** The calls section of docs/<app>.md: each positive call's proven path, then the refusals. */
export function callPathsSection(app: string, results: readonly CallResult[]): string {
  const parts: string[] = [
    `Each documented call of apps/${app}/src/calls.ts as the request-path verifier walked it over`,
    'the synthesized stacks: every arrow and note is a step it checked, named by its Terraform',
    'address.',
    '',
  ];
  for (const result of results.filter((r) => 'backend' in r.call.expect)) {
    parts.push(
      `#### \`${result.call.stack}\`: ${result.call.description}`,
      '',
      result.ok ? '```mermaid' : '```text',
      result.ok ? sequenceDiagram(result) : `NOT PROVEN: ${result.summary}`,
      '```',
      '',
    );
  }
  const refused = results.filter((r) => 'refusedAt' in r.call.expect);
  if (refused.length > 0) {
    parts.push('Calls that a step refuses, as documented:', '');
    parts.push('| Stack | Call | Refused at | Resource |', '| --- | --- | --- | --- |');
    for (const r of refused)
      parts.push(
        `| \`${r.call.stack}\` | ${r.call.description} | ${r.stoppedAt?.step ?? 'not refused'} | \`${r.stoppedAt?.address ?? '-'}\` |`,
      );
  }
  return parts.join('\n').trimEnd();
}
