import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  it.each([
    [new ApiError('SKU_NOT_FOUND', 'no'), 404, 'SKU_NOT_FOUND'],
    [new NotFoundException(), 404, 'NOT_FOUND'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    [new ThrottlerException(), 429, 'RATE_LIMITED'],
    [Object.assign(new SyntaxError('Unexpected token'), { status: 400 }), 400, 'MALFORMED_REQUEST'],
    [new QueryFailedError('q', [], Object.assign(new Error('invalid input'), { code: '22P02' })), 400, 'VALIDATION_FAILED'],
    [new QueryFailedError('q', [], Object.assign(new Error('connection lost'), { code: '08006' })), 500, 'INTERNAL'],
    [new Error('boom'), 500, 'INTERNAL'],
  ])('%s -> %i %s', (error, status, code) => {
    const r = toErrorResponse(error);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
  });

  it('never echoes database error text in a 4xx', () => {
    const pg = Object.assign(new Error('invalid input syntax for type integer: "abc" in column on_hand of live_inventory'), { code: '22P02' });
    const { body } = toErrorResponse(new QueryFailedError('SELECT secret', [], pg));
    expect(body.message).toBe('A value has the wrong format');
    expect(JSON.stringify(body)).not.toMatch(/on_hand|live_inventory|abc|SELECT/);
  });

  it('never leaks the message of an unexpected error', () => {
    expect(toErrorResponse(new Error('password=secret')).body.message).toBe('Internal server error');
  });
});
