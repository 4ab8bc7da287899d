/** true and false: exit statuses and nothing else. */
import type { Tool } from './registry.ts';

/** Exit 0. */
export const trueProgram: Tool = async () => 0;
/** Exit 1. */
export const falseProgram: Tool = async () => 1;
