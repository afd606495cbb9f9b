import { describe, expect, it } from 'vitest';
import { originAllowed, parseOrigins } from './origin-policy';

const req = (origin: string | undefined, host = 'api.example:3000') => ({ headers: { host, ...(origin === undefined ? {} : { origin }) } });

describe('originAllowed', () => {
  const allowed = parseOrigins('https://shop.example, http://localhost:5173');

  it('allows the API origin itself, listed origins and clients without an Origin header', () => {
    expect(originAllowed(req('http://api.example:3000'), allowed)).toBe(true);
    expect(originAllowed(req('https://SHOP.example'), allowed)).toBe(true);
    expect(originAllowed(req('http://localhost:5173'), allowed)).toBe(true);
    expect(originAllowed(req(undefined), allowed)).toBe(true);
  });

  it('refuses any other origin, look-alikes and garbage', () => {
    for (const origin of ['https://evil.example', 'https://shop.example.evil', 'http://localhost:5174', 'null', '']) {
      expect(originAllowed(req(origin), allowed), origin).toBe(false);
    }
    expect(originAllowed(req('http://api.example:3000'), [])).toBe(true);
    expect(originAllowed(req('http://api.example:3001'), [])).toBe(false);
  });
});
