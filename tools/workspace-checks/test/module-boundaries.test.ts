// The lint config is part of the architecture: these fixtures must fail `npm run lint`.
import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
// The fixtures are not files on disk, so no tsconfig holds them: the typed rules (which need a program)
// are switched off here; the boundary rules work on imports alone.
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  it('forbids an app importing another app', async () => {
    const errors = await ruleIdsFor('apps/api/src/fixture.ts', "import { x } from '@shelfstream/pipeline';\nexport const y = x;\n");
    expect(errors.join('\n')).toMatch(/enforce-module-boundaries: Imports of apps are forbidden/);
  });

  it('forbids the domain importing a driver or a framework', async () => {
    const errors = await ruleIdsFor(
      'libs/domain/src/fixture.ts',
      "import { Pool } from 'pg';\nimport { Entity } from 'typeorm';\nexport const y = [Pool, Entity];\n",
    );
    expect(errors.join('\n')).toMatch(/not allowed to import "pg"/);
    expect(errors.join('\n')).toMatch(/not allowed to import "typeorm"/);
  });

  it('forbids the engine core importing kafkajs or NestJS', async () => {
    const errors = await ruleIdsFor(
      'libs/engine/src/fixture.ts',
      "import { Kafka } from 'kafkajs';\nimport { Injectable } from '@nestjs/common';\nexport const y = [Kafka, Injectable];\n",
    );
    expect(errors.join('\n')).toMatch(/not allowed to import "kafkajs"/);
    expect(errors.join('\n')).toMatch(/not allowed to import "@nestjs\/common"/);
  });

  it('lets the Kafka connector import kafkajs and the engine, not the domain or NestJS', async () => {
    const ok = await ruleIdsFor(
      'libs/kafka-connector/src/fixture.ts',
      "import { Kafka } from 'kafkajs';\nimport { createEngine } from '@shelfstream/engine';\nexport const y = [Kafka, createEngine];\n",
    );
    expect(ok).toEqual([]);
    const errors = await ruleIdsFor(
      'libs/kafka-connector/src/fixture.ts',
      "import { x } from '@shelfstream/domain';\nimport { Injectable } from '@nestjs/common';\nexport const y = [x, Injectable];\n",
    );
    expect(errors.join('\n')).toMatch(/enforce-module-boundaries/);
    expect(errors.join('\n')).toMatch(/not allowed to import "@nestjs\/common"/);
  });

  it('forbids the engine importing the domain', async () => {
    const errors = await ruleIdsFor('libs/engine/src/fixture.ts', "import { x } from '@shelfstream/domain';\nexport const y = x;\n");
    expect(errors.join('\n')).toMatch(/enforce-module-boundaries/);
  });
});

describe('test rules', () => {
  it("forbids Playwright's fixed sleep in a browser test", async () => {
    const errors = await ruleIdsFor(
      'tools/e2e/test/fixture.browser.test.ts',
      'export const f = (page: { waitForTimeout(ms: number): void }) => page.waitForTimeout(500);\n',
    );
    expect(errors.join('\n')).toMatch(/no-restricted-syntax: A fixed sleep/);
  });

  it('leaves the same call alone outside tests', async () => {
    const errors = await ruleIdsFor('tools/e2e/src/fixture.ts', 'export const f = (page: { waitForTimeout(ms: number): void }) => page.waitForTimeout(500);\n');
    expect(errors).toEqual([]);
  });
});
