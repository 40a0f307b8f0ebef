/**
 * Runs an app's `cdk synth` for real, offline, with the aws-cdk CLI installed next to this tool
 * (never a global one), and returns the synthesized templates or a short readable error.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SynthResult {
  ok: boolean;
  /** Why synth failed: the app's own error message, without stack frames or CLI noise. */
  error?: string;
  /** Stack name → CloudFormation template (parsed JSON). */
  templates: Record<string, CloudFormationTemplate>;
  outputDir: string;
  durationMs: number;
}

export interface CloudFormationTemplate {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  Outputs?: Record<string, { Value: unknown; Description?: string; Export?: unknown }>;
  [key: string]: unknown;
}

export interface SynthOptions {
  /** Hard limit; the CLI and the app it started are stopped after it. Default 120 s. */
  timeoutMs?: number;
  /** Where the cloud assembly goes; default a fresh temp directory. */
  outputDir?: string;
  /** Extra environment for the app. */
  env?: Record<string, string>;
}

/** The CLI entry of the aws-cdk package this tool depends on. */
export function findCdkCli(): string {
  const manifestPath = require.resolve('aws-cdk/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.cdk ?? 'bin/cdk';
  return join(dirname(manifestPath), bin);
}

const NOISE = [
  /^\s+at /,
  /feature flags are not configured/i,
  /^\s*$/,
  /Subprocess exited with error/,
  /^NOTICES/,
  /^Node\.js v\d/,
];

/** Keeps the lines a person needs: the error message, the file:line tsx points at, not the stack. */
export function summarizeSynthError(output: string, exitCode: number | null): string {
  // eslint-disable-next-line no-control-regex
  const clean = output.replace(/\u001b\[[0-9;]*m/g, '');
  const all = clean.split(/\r?\n/);
  // The first stack frame in the user's own code says where the error comes from.
  const userFrame = all.find((line) => /^\s+at /.test(line) && !/node_modules|node:internal|\(node:/.test(line));
  const lines = all.filter((line) => !NOISE.some((pattern) => pattern.test(line)));
  if (userFrame) lines.push(`(${userFrame.trim()})`);
  const errorIndex = lines.findIndex((line) => /error|Error|Cannot|not found|failed/.test(line));
  const start = errorIndex > 0 ? Math.max(0, errorIndex - 6) : 0;
  const kept = lines.slice(start, start + 14);
  if (userFrame && !kept.includes(`(${userFrame.trim()})`)) kept.push(`(${userFrame.trim()})`);
  const status = exitCode === null ? 'was stopped' : `exited with code ${exitCode}`;
  return `cdk synth ${status}${kept.length > 0 ? `:\n${kept.join('\n')}` : ''}`;
}

function readTemplates(outputDir: string): Record<string, CloudFormationTemplate> {
  const templates: Record<string, CloudFormationTemplate> = {};
  const manifestPath = join(outputDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      artifacts?: Record<string, { type: string; displayName?: string; properties?: { templateFile?: string; stackName?: string } }>;
    };
    for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
      if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
      const name = artifact.properties.stackName ?? id;
      templates[name] = JSON.parse(readFileSync(join(outputDir, artifact.properties.templateFile), 'utf8'));
    }
    return templates;
  }
  for (const file of readdirSync(outputDir).filter((name) => name.endsWith('.template.json'))) {
    templates[file.replace(/\.template\.json$/, '')] = JSON.parse(readFileSync(join(outputDir, file), 'utf8'));
  }
  return templates;
}

export function runCdkSynth(infraDir: string, options: SynthOptions = {}): Promise<SynthResult> {
  const started = Date.now();
  const outputDir = options.outputDir ?? mkdtempSync(join(tmpdir(), 'dynamodb-codemod-synth-'));
  const finish = (partial: Omit<SynthResult, 'outputDir' | 'durationMs' | 'templates'> & { templates?: SynthResult['templates'] }) =>
    ({ templates: {}, ...partial, outputDir, durationMs: Date.now() - started }) as SynthResult;
  if (!existsSync(join(infraDir, 'cdk.json'))) {
    return Promise.resolve(finish({ ok: false, error: `no cdk.json in ${infraDir}: not a CDK app directory` }));
  }
  const args = [findCdkCli(), 'synth', '--no-notices', '--no-lookups', '--quiet', '--output', outputDir];
  const env = {
    ...process.env,
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    FORCE_COLOR: '0',
    ...options.env,
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: infraDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The CLI runs the app as its own child: stop the whole process group we created.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
    }, options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(finish({ ok: false, error: `could not start the aws-cdk CLI: ${error.message}` }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve(finish({ ok: false, error: `cdk synth did not finish within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s` }));
      } else if (code !== 0) {
        resolve(finish({ ok: false, error: summarizeSynthError(output, code) }));
      } else {
        try {
          resolve(finish({ ok: true, templates: readTemplates(outputDir) }));
        } catch (error) {
          resolve(finish({ ok: false, error: `cdk synth succeeded but its output could not be read: ${(error as Error).message}` }));
        }
      }
    });
  });
}
