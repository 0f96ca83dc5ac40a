import { conformance } from './conformance.ts';

await conformance('threads');
