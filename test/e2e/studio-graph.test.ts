/**
 * firebreak graph's Mermaid files, parsed and rendered by Mermaid itself in
 * Chromium: every chart of every shipped scenario is a valid
 * stateDiagram-v2, and the states drawn carry the names conditions use.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONDITION_REGIONS } from '../../src/engine/machines/states';
import { isScenarioFileName } from '../../src/engine/scenario/history';
import { CHROMIUM, HAVE_CHROMIUM } from '../helpers/browser';

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests cannot run.`);

const SCENARIOS = readdirSync('scenarios').filter(isScenarioFileName);

/** Renders Mermaid text in the page; the labels of the states drawn, or the parser's error. */
async function render(page: Page, text: string): Promise<{ labels: string[] } | { error: string }> {
  return page.evaluate(async (source) => {
    const mermaid = (window as unknown as { mermaid: { initialize(o: object): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    try {
      await mermaid.parse(source);
      const { svg } = await mermaid.render(`chart${Math.random().toString(36).slice(2)}`, source);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      const labels = [...holder.querySelectorAll('g.node, g.statediagram-cluster, g.cluster')].map((g) => (g.textContent ?? '').trim());
      return { labels };
    } catch (error) {
      return { error: String((error as Error).message ?? error) };
    }
  }, text);
}

describe.skipIf(!HAVE_CHROMIUM)('firebreak graph, read by Mermaid', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: 'node_modules/mermaid/dist/mermaid.min.js' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('rejects what is not a state diagram, so that a pass means something', async () => {
    expect(await render(page, 'stateDiagram-v2\n  [*] --> first-wave\n')).toHaveProperty('error');
    expect(await render(page, 'stateDiagram-v2\n  state a {\n  [*] --> b\n  }\n  --\n  state c {\n  [*] --> d\n  }\n')).toHaveProperty('error');
  });

  for (const file of SCENARIOS) {
    it(`renders every chart of ${file}, with the state names its conditions use`, async () => {
      const out = mkdtempSync(join(tmpdir(), 'firebreak-graph-'));
      execFileSync('node', ['bin/firebreak.js', 'graph', join('scenarios', file), '--out', out]);
      const scenario = JSON.parse(readFileSync(join('scenarios', file), 'utf8'));
      const phases: string[] = scenario.adversary.phases.map((p: { id: string }) => p.id);
      const charts = readdirSync(out).sort();
      expect(charts).toEqual(['adversary', 'case', 'channel', 'coalitionAttribution', 'deEscalation', 'dispute', 'escalation', 'exercise', 'mla', 'nationalAttribution', 'norms', 'platformRequest', 'sanctions', 'verification'].map((c) => `${c}.mmd`));
      for (const chart of charts) {
        const text = readFileSync(join(out, chart), 'utf8');
        const result = await render(page, text);
        expect(result, `${chart}: ${'error' in result ? result.error : ''}`).toHaveProperty('labels');
        const labels = 'labels' in result ? result.labels : [];
        for (const region of CONDITION_REGIONS.filter((r) => `${r.chart}.mmd` === chart)) {
          // "none" is the verification or case region before any referral or step: no chart runs then.
          const names = (region.states ?? phases).filter((s) => s !== 'none' || !['verification', 'case'].includes(region.chart));
          for (const name of names) expect(labels, `${chart} draws "${name}" of ${region.region}`).toContain(name);
        }
      }
    }, 60_000);
  }
});
