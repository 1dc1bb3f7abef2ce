import { describe, expect, it } from 'vitest';
import { assignmentTodo } from './assignment-todo.js';

describe('assignmentTodo', () => {
  it('asks for the plan and MID assignments when nothing maps them', () => {
    const todo = assignmentTodo([], new Map());
    expect(todo.missing.map((m) => m.split(':')[0])).toEqual(['campaignId/productId', 'merchantId']);
  });

  it('asks for nothing that migration.yaml maps already (a preset maps them through its lookups)', () => {
    const mapped = new Set(['campaignId', 'productId', 'merchantId']);
    expect(assignmentTodo([], new Map(), mapped).missing).toEqual([]);
    // half a plan assignment is still a to-do
    expect(assignmentTodo([], new Map(), new Set(['campaignId'])).missing).toHaveLength(2);
  });
});
