// Walks every call apps/on-premises documents (src/calls.ts) over a fresh synth with the request-path
// verifier: each reaches the backend it names or is refused at the step it names; the README lists
// them all.
import { join } from 'node:path';
import { describeAppCalls } from '@apigw-private/tools/calls/synthesized';
import * as calls from '../src/calls';

describeAppCalls('on-premises', calls, join(__dirname, '..', 'README.md'));
