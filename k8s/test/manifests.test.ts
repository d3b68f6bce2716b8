/**
 * Checks the deployment files against services.json, the one list of
 * Meterline's services (name, port, entry, env names, dependencies):
 *   - k8s/base (kustomize): every YAML document, multi-document aware;
 *   - docker-compose.yml and deploy/nats/nats.conf;
 *   - the Dockerfile.
 * REPO_ROOT may point the test at another checkout (default: this repo).
 */
import { existsSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { load, loadAll } from 'js-yaml';

// ---------------------------------------------------------------- inputs --

const repoRoot = process.env.REPO_ROOT ? path.resolve(process.env.REPO_ROOT) : path.resolve(__dirname, '../..');
const baseDir = path.join(repoRoot, 'k8s', 'base');

interface ServiceSpec {
  name: string;
  port: number;
  entry: string;
  dependsOn: string[];
  env: string[];
}

interface ServicesFile {
  image: string;
  /** NODE_OPTIONS every service runs with (its heap limit). */
  nodeOptions: string;
  services: ServiceSpec[];
  probes: { liveness: string; readiness: string; metrics: string };
}

const servicesFile = JSON.parse(readFileSync(path.join(repoRoot, 'services.json'), 'utf8')) as ServicesFile;
const services = servicesFile.services;
const serviceNames = services.map((s) => s.name);
const imageRef = `${servicesFile.image}:latest`;

/** Set on every service by the deployment files, though not read as config. */
const PLATFORM_ENV = ['NODE_ENV', 'NODE_OPTIONS'];
/** Must come from a Secret in Kubernetes, never from a ConfigMap or a literal. */
const SECRET_ENV = ['DATABASE_URL', 'TENANT_SIGNING_SECRET'];
/** Infrastructure that compose and k8s run next to the five services. */
const INFRA_SERVICES = ['postgres', 'nats'];

const ALLOWED_KINDS = ['Kustomization', 'Namespace', 'ConfigMap', 'Secret', 'Service', 'Deployment', 'StatefulSet', 'PodDisruptionBudget'];

// ------------------------------------------------------ Kubernetes types --
// Only the fields the checks read; the YAML is cast to these after parsing.

interface Metadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

interface EnvFromSource {
  configMapRef?: { name: string };
  secretRef?: { name: string };
}

interface Probe {
  httpGet?: { path: string; port: number | string };
}

interface ContainerPort {
  name?: string;
  containerPort: number;
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface Volume {
  name: string;
  configMap?: { name: string };
}

interface PodTemplate {
  metadata: Metadata;
  spec: {
    containers: Container[];
    volumes?: Volume[];
    securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  };
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
}

interface Workload extends Manifest {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: PodTemplate;
    volumeClaimTemplates?: { metadata: { name: string } }[];
    serviceName?: string;
  };
}

interface ServiceManifest extends Manifest {
  spec: {
    clusterIP?: string;
    selector?: Record<string, string>;
    ports: { name?: string; port: number; targetPort?: number | string }[];
  };
}

interface ConfigMap extends Manifest {
  data?: Record<string, string>;
}

interface Secret extends Manifest {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface Kustomization {
  kind: string;
  namespace?: string;
  resources?: string[];
}

/** The value, or a test failure naming what was missing. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

// ---------------------------------------------------- Kubernetes loading --

function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

function parseYamlDocuments(file: string): unknown[] {
  return loadAll(readFileSync(file, 'utf8')).filter((doc) => doc != null);
}

const kustomization = load(readFileSync(path.join(baseDir, 'kustomization.yaml'), 'utf8')) as Kustomization;

const manifestFiles = yamlFilesIn(baseDir).filter((f) => f !== 'kustomization.yaml');
const manifestsWithFile = manifestFiles.flatMap((file) =>
  (parseYamlDocuments(path.join(baseDir, file)) as Manifest[]).map((manifest) => ({ file, manifest })),
);
const manifests: Manifest[] = manifestsWithFile.map((m) => m.manifest);

function fileDefining(manifest: Manifest | undefined): string | undefined {
  return manifestsWithFile.find((m) => m.manifest === manifest)?.file;
}

function manifestsOfKind<T extends Manifest>(kind: string): T[] {
  return manifests.filter((m) => m.kind === kind) as T[];
}

const deployments = manifestsOfKind<Workload>('Deployment');
const statefulSets = manifestsOfKind<Workload>('StatefulSet');
const k8sServices = manifestsOfKind<ServiceManifest>('Service');
const configMaps = manifestsOfKind<ConfigMap>('ConfigMap');
const secrets = manifestsOfKind<Secret>('Secret');

function byName<T extends Manifest>(list: T[], name: string): T | undefined {
  return list.find((m) => m.metadata.name === name);
}

function secretKeys(secret: Secret): Record<string, string> {
  const decoded = Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  return { ...decoded, ...(secret.stringData ?? {}) };
}

/** Where a container's env name gets its value from. */
interface EnvSource {
  from: 'literal' | 'configMap' | 'secret' | 'valueFrom';
  ref?: string | undefined;
  value?: string | undefined;
}

/**
 * Every env name a container ends up with, following envFrom into the
 * ConfigMaps/Secrets of the base. A reference to a missing ConfigMap/Secret
 * fails the test. Like Kubernetes, `env` wins over `envFrom`.
 */
function resolveContainerEnv(container: Container): Map<string, EnvSource> {
  const resolved = new Map<string, EnvSource>();
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const cm = byName(configMaps, source.configMapRef.name);
      expect({ configMap: source.configMapRef.name, found: cm !== undefined }).toEqual({
        configMap: source.configMapRef.name,
        found: true,
      });
      for (const [k, v] of Object.entries(cm?.data ?? {})) {
        resolved.set(k, { from: 'configMap', ref: cm?.metadata.name, value: v });
      }
    }
    if (source.secretRef) {
      const secret = byName(secrets, source.secretRef.name);
      expect({ secret: source.secretRef.name, found: secret !== undefined }).toEqual({
        secret: source.secretRef.name,
        found: true,
      });
      for (const [k, v] of Object.entries(secret ? secretKeys(secret) : {})) {
        resolved.set(k, { from: 'secret', ref: secret?.metadata.name, value: v });
      }
    }
  }
  for (const env of container.env ?? []) {
    if (env.valueFrom && 'secretKeyRef' in env.valueFrom) {
      const ref = env.valueFrom.secretKeyRef as { name: string; key: string };
      const secret = byName(secrets, ref.name);
      resolved.set(env.name, { from: 'secret', ref: ref.name, value: secret && secretKeys(secret)[ref.key] });
    } else if (env.valueFrom && 'configMapKeyRef' in env.valueFrom) {
      const ref = env.valueFrom.configMapKeyRef as { name: string; key: string };
      resolved.set(env.name, {
        from: 'configMap',
        ref: ref.name,
        value: byName(configMaps, ref.name)?.data?.[ref.key],
      });
    } else if (env.valueFrom) {
      resolved.set(env.name, { from: 'valueFrom' });
    } else {
      resolved.set(env.name, { from: 'literal', value: env.value });
    }
  }
  return resolved;
}

/** A probe/Service port may be a number or the name of a container port. */
function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port !== 'string') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function deploymentsRunning(entry: string): Workload[] {
  return deployments.filter((d) => d.spec.template.spec.containers.some((c) => commandLine(c).includes(entry)));
}

function commandLine(container: Container): string[] {
  return [...(container.command ?? []), ...(container.args ?? [])];
}

// ------------------------------------------------------ NATS config text --

function withoutComments(conf: string): string {
  return conf
    .split('\n')
    .map((line) => line.replace(/(^|\s)(#|\/\/).*$/, ''))
    .join('\n');
}

/** The body of a top-level `name { ... }` block (no nested braces inside). */
function confBlock(conf: string, name: string): string | undefined {
  const match = new RegExp(`(^|\\n)\\s*${name}\\s*:?\\s*\\{([^}]*)\\}`).exec(withoutComments(conf));
  return match?.[2];
}

function confSetting(block: string, key: string): string | undefined {
  const match = new RegExp(`(^|\\n)\\s*${key}\\s*[:=]?\\s*([^\\s\\n]+)`).exec(block);
  return match?.[2]?.replace(/^["']|["']$/g, '');
}

function expectDurableJetStream(conf: string): void {
  const jetstream = confBlock(conf, 'jetstream');
  expect(jetstream).toBeDefined();
  expect(confSetting(jetstream ?? '', 'store_dir')).toBeTruthy();
  expect(confSetting(jetstream ?? '', 'sync_interval')).toBe('always');
}

// ------------------------------------------------------------- URL checks --

function hostAndPort(url: string): { host: string; port: number | undefined } {
  const parsed = new URL(url);
  const defaults: Record<string, number> = {
    'http:': 80,
    'https:': 443,
    'nats:': 4222,
    'postgres:': 5432,
    'postgresql:': 5432,
  };
  return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : defaults[parsed.protocol] };
}

/** METERING_URL -> the metering service, etc. (the gateway's subgraph URLs). */
function subgraphForUrlEnv(envName: string): ServiceSpec | undefined {
  return services.find((s) => `${s.name.toUpperCase()}_URL` === envName);
}

// ==================================================================== k8s ==

describe('k8s/base', () => {
  test('every document has an allowed kind, a name and an apiVersion', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) {
      expect(ALLOWED_KINDS).toContain(m.kind);
      expect(m.metadata?.name).toBeTruthy();
      expect(m.apiVersion).toBeTruthy();
    }
    expect(kustomization.kind).toBe('Kustomization');
  });

  test('kustomization.yaml lists every file in base, and every listed file exists', () => {
    const listed = kustomization.resources ?? [];
    for (const file of listed) {
      expect({ file, exists: existsSync(path.join(baseDir, file)) }).toEqual({ file, exists: true });
    }
    expect([...listed].sort()).toEqual(manifestFiles);
  });

  test('everything goes to the meterline namespace', () => {
    expect(kustomization.namespace).toBe('meterline');
    expect(manifestsOfKind('Namespace').map((n) => n.metadata.name)).toEqual(['meterline']);
    for (const m of manifests) {
      if (m.metadata.namespace !== undefined) expect(m.metadata.namespace).toBe('meterline');
    }
  });

  test('names are unique per kind', () => {
    const keys = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('there is a Deployment for each service in services.json and no other', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...serviceNames].sort());
  });

  test('the secret values are placeholders marked REPLACE_ME', () => {
    for (const secret of secrets) {
      for (const [key, value] of Object.entries(secretKeys(secret))) {
        if (SECRET_ENV.includes(key) || /PASSWORD/.test(key)) {
          expect({ secret: secret.metadata.name, key, value }).toEqual({
            secret: secret.metadata.name,
            key,
            value: expect.stringContaining('REPLACE_ME'),
          });
        }
      }
    }
  });

  test('all services take TENANT_SIGNING_SECRET from the same Secret', () => {
    const sources = deployments.map((d) => {
      const container = required(d.spec.template.spec.containers[0], `container of ${d.metadata.name}`);
      const source = resolveContainerEnv(container).get('TENANT_SIGNING_SECRET');
      return `${source?.from}/${source?.ref}`;
    });
    expect(new Set(sources).size).toBe(1);
    expect(sources[0]).toMatch(/^secret\//);
  });

  describe.each(services)('service $name', (svc) => {
    const running = deploymentsRunning(svc.entry);
    const theDeployment = (): Workload => required(running[0], `Deployment running ${svc.entry}`);
    const theContainer = (): Container =>
      required(
        theDeployment().spec.template.spec.containers.find((c) => commandLine(c).includes(svc.entry)),
        `container running ${svc.entry}`,
      );

    test('exactly one Deployment runs its entry, with the image from services.json', () => {
      expect(running).toHaveLength(1);
      expect(theDeployment().metadata.name).toBe(svc.name);
      const container = theContainer();
      expect(container.image).toBe(imageRef);
      expect(commandLine(container)).toEqual(['node', svc.entry]);
      expect(container.ports?.map((p) => p.containerPort)).toContain(svc.port);
    });

    test('exactly one Service, named after it, selects its pods on its port', () => {
      const deployment = theDeployment();
      const selecting = k8sServices.filter((s) => selectorMatches(s.spec.selector, deployment.spec.template.metadata.labels));
      expect(selecting).toHaveLength(1);
      const service = required(selecting[0], `Service selecting ${svc.name}`);
      expect(service.metadata.name).toBe(svc.name);
      expect(service.spec.ports).toHaveLength(1);
      const port = required(service.spec.ports[0], `port of Service ${svc.name}`);
      expect(port.port).toBe(svc.port);
      expect(resolvePort(port.targetPort ?? port.port, theContainer())).toBe(svc.port);
      expect(selectorMatches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    });

    test('probes hit /healthz and /readyz on the service port', () => {
      const c = theContainer();
      expect(c.livenessProbe?.httpGet?.path).toBe(servicesFile.probes.liveness);
      expect(resolvePort(c.livenessProbe?.httpGet?.port, c)).toBe(svc.port);
      expect(c.readinessProbe?.httpGet?.path).toBe(servicesFile.probes.readiness);
      expect(resolvePort(c.readinessProbe?.httpGet?.port, c)).toBe(svc.port);
    });

    test('Prometheus scrapes /metrics on the service port', () => {
      const annotations = theDeployment().spec.template.metadata.annotations ?? {};
      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(annotations['prometheus.io/port']).toBe(String(svc.port));
      expect(annotations['prometheus.io/path']).toBe(servicesFile.probes.metrics);
    });

    test('resource requests and limits are set', () => {
      const resources = theContainer().resources;
      for (const kind of ['requests', 'limits'] as const) {
        expect(resources?.[kind]?.cpu).toBeTruthy();
        expect(resources?.[kind]?.memory).toBeTruthy();
      }
    });

    test('runs as a non-root user', () => {
      const podSecurity = theDeployment().spec.template.spec.securityContext ?? {};
      const containerSecurity = theContainer().securityContext ?? {};
      expect(containerSecurity.runAsNonRoot ?? podSecurity.runAsNonRoot).toBe(true);
      const uid = containerSecurity.runAsUser ?? podSecurity.runAsUser;
      // the image's USER is a name (node), so the kubelet needs a numeric uid to check it
      expect(typeof uid).toBe('number');
      expect(uid).not.toBe(0);
    });

    test('gets every env name it reads, and no unknown one', () => {
      const env = resolveContainerEnv(theContainer());
      const provided = [...env.keys()].sort();
      expect(provided).toEqual(expect.arrayContaining(svc.env));
      const unknown = provided.filter((name) => !svc.env.includes(name) && !PLATFORM_ENV.includes(name));
      expect(unknown).toEqual([]);
      expect(env.get('PORT')?.value).toBe(String(svc.port));
      expect(env.get('NODE_OPTIONS')?.value).toBe(servicesFile.nodeOptions);
      for (const name of SECRET_ENV.filter((n) => svc.env.includes(n))) {
        expect({ name, from: env.get(name)?.from }).toEqual({ name, from: 'secret' });
      }
    });

    test('URLs in its env point at Services of the base on the right port', () => {
      const env = resolveContainerEnv(theContainer());
      for (const [name, source] of env) {
        if (!name.endsWith('_URL') || !source.value) continue;
        const { host, port } = hostAndPort(source.value);
        const target = byName(k8sServices, host);
        expect({ name, host, service: target?.metadata.name }).toEqual({ name, host, service: host });
        expect(target?.spec.ports.map((p) => p.port)).toContain(port);
        const subgraph = subgraphForUrlEnv(name);
        if (subgraph) expect(source.value).toBe(`http://${subgraph.name}:${subgraph.port}/graphql`);
      }
    });
  });

  describe('NATS', () => {
    const nats = statefulSets.find((s) => s.spec.template.spec.containers.some((c) => c.image.startsWith('nats:')));
    const natsConfigMapName = nats?.spec.template.spec.volumes?.find((v) => v.configMap)?.configMap?.name;
    const natsConf = Object.values(byName(configMaps, natsConfigMapName ?? '')?.data ?? {}).join('\n');

    test('is a 3-replica StatefulSet with a volume claim mounted for the store', () => {
      expect(nats).toBeDefined();
      expect(nats?.spec.replicas).toBe(3);
      const claims = nats?.spec.volumeClaimTemplates?.map((t) => t.metadata.name) ?? [];
      expect(claims.length).toBeGreaterThan(0);
      const mounts = nats?.spec.template.spec.containers[0]?.volumeMounts?.map((m) => m.name) ?? [];
      expect(mounts).toEqual(expect.arrayContaining(claims));
    });

    test('its ConfigMap config has JetStream on file storage with sync_interval: always', () => {
      expect(natsConfigMapName).toBeDefined();
      expectDurableJetStream(natsConf);
    });

    test('its config clusters all three replicas', () => {
      const cluster = confBlock(natsConf, 'cluster');
      expect(cluster).toBeDefined();
      for (const ordinal of [0, 1, 2]) {
        expect(cluster).toContain(`${nats?.metadata.name}-${ordinal}.`);
      }
    });

    test('has a headless Service for the cluster and a client Service', () => {
      const selecting = k8sServices.filter((s) => selectorMatches(s.spec.selector, nats?.spec.template.metadata.labels));
      const headless = selecting.filter((s) => s.spec.clusterIP === 'None');
      expect(headless).toHaveLength(1);
      expect(nats?.spec.serviceName).toBe(headless[0]?.metadata.name);
      const client = selecting.filter((s) => s.spec.clusterIP !== 'None');
      expect(client.length).toBeGreaterThanOrEqual(1);
      expect(client[0]?.spec.ports.map((p) => p.port)).toContain(4222);
    });
  });

  describe('Postgres', () => {
    const postgres = statefulSets.find((s) => s.spec.template.spec.containers.some((c) => c.image.startsWith('postgres:')));

    test('is a StatefulSet with a volume claim and a Service', () => {
      expect(postgres).toBeDefined();
      expect(postgres?.spec.volumeClaimTemplates?.length).toBeGreaterThan(0);
      const service = k8sServices.find((s) => selectorMatches(s.spec.selector, postgres?.spec.template.metadata.labels));
      expect(service?.spec.ports.map((p) => p.port)).toContain(5432);
    });

    test('its manifest and k8s/README.md say a managed database can replace it', () => {
      const file = fileDefining(postgres);
      expect(file).toBeDefined();
      expect(readFileSync(path.join(baseDir, file as string), 'utf8')).toMatch(/managed database/i);
      expect(readFileSync(path.join(repoRoot, 'k8s', 'README.md'), 'utf8')).toMatch(/managed database/i);
    });
  });
});

// ================================================================ compose ==

type ComposeEnv = Record<string, string | number | boolean | null> | string[];

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: ComposeEnv;
  ports?: (string | number | { target: number; published?: number | string })[];
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { source?: string; target: string })[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = load(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as ComposeFile;

function composeService(name: string): ComposeService {
  return required(compose.services[name], `compose service ${name}`);
}

function composeEnv(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const [key, ...rest] = entry.split('=');
        return [key, rest.join('=')];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

function composeCommand(service: ComposeService): string[] {
  const command = service.command ?? [];
  return typeof command === 'string' ? command.trim().split(/\s+/) : command;
}

/** Container ports published on the same host port ("4000:4000" or long syntax). */
function composePublishedPorts(service: ComposeService): number[] {
  return (service.ports ?? []).flatMap((p) => {
    if (typeof p === 'object') return Number(p.published) === p.target ? [p.target] : [];
    const parts = String(p).split(':');
    const container = Number(parts.at(-1)?.split('/')[0]);
    const host = parts.length > 1 ? Number(parts.at(-2)) : container;
    return host === container ? [container] : [];
  });
}

function composeDependencies(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d?.condition]));
}

function healthcheckText(service: ComposeService): string {
  const test = service.healthcheck?.test ?? '';
  return Array.isArray(test) ? test.join(' ') : test;
}

/** postgres when the service reads DATABASE_URL, nats when it reads NATS_URL. */
function infraNeededBy(svc: ServiceSpec): string[] {
  return [...(svc.env.includes('DATABASE_URL') ? ['postgres'] : []), ...(svc.env.includes('NATS_URL') ? ['nats'] : [])];
}

function hostPathOfBindMount(service: ComposeService, target: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    if (typeof volume === 'string') {
      const [source, mountTarget] = volume.split(':');
      if (mountTarget === target) return source;
    } else if (volume.target === target) {
      return volume.source;
    }
  }
  return undefined;
}

describe('docker-compose.yml', () => {
  test('runs the five services of services.json plus postgres and nats', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...serviceNames, ...INFRA_SERVICES].sort());
  });

  test('all services share one TENANT_SIGNING_SECRET value', () => {
    const values = services.map((s) => composeEnv(composeService(s.name))['TENANT_SIGNING_SECRET']);
    expect(new Set(values).size).toBe(1);
  });

  describe.each(services)('service $name', (svc) => {
    const service = (): ComposeService => composeService(svc.name);

    test('is built from the one Dockerfile and runs its entry', () => {
      const { build, image } = service();
      expect(build).toBeDefined();
      const buildConfig = typeof build === 'string' ? { context: build, dockerfile: undefined } : build;
      expect(buildConfig?.context).toBe('.');
      expect(buildConfig?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      if (image !== undefined) expect(image.split(':')[0]).toBe(servicesFile.image);
      expect(composeCommand(service())).toEqual(['node', svc.entry]);
    });

    test('publishes its port', () => {
      expect(composePublishedPorts(service())).toContain(svc.port);
    });

    test('sets every env name it reads, and no unknown one', () => {
      const env = composeEnv(service());
      expect(Object.keys(env).sort()).toEqual([...svc.env, ...PLATFORM_ENV].sort());
      expect(env['PORT']).toBe(String(svc.port));
      expect(env['NODE_OPTIONS']).toBe(servicesFile.nodeOptions);
    });

    test('URLs in its env point at compose services', () => {
      for (const [name, value] of Object.entries(composeEnv(service()))) {
        if (!name.endsWith('_URL')) continue;
        const { host } = hostAndPort(value);
        expect(Object.keys(compose.services)).toContain(host);
        const subgraph = subgraphForUrlEnv(name);
        if (subgraph) expect(value).toBe(`http://${subgraph.name}:${subgraph.port}/graphql`);
      }
    });

    test('has a healthcheck on /readyz of its port', () => {
      expect(healthcheckText(service())).toContain(`:${svc.port}${servicesFile.probes.readiness}`);
    });

    test('waits for its dependencies to be healthy', () => {
      const deps = composeDependencies(service());
      expect(Object.keys(deps).sort()).toEqual([...svc.dependsOn, ...infraNeededBy(svc)].sort());
      for (const [name, condition] of Object.entries(deps)) {
        expect({ name, condition }).toEqual({ name, condition: 'service_healthy' });
      }
    });
  });

  test('postgres is postgres:16 with pg_isready and a volume', () => {
    const postgres = composeService('postgres');
    expect(postgres.image).toBe('postgres:16');
    expect(healthcheckText(postgres)).toContain('pg_isready');
    expect(postgres.volumes?.length).toBeGreaterThan(0);
  });

  test('nats 2.12 runs JetStream from deploy/nats/nats.conf with sync_interval: always', () => {
    const nats = composeService('nats');
    expect(nats.image).toMatch(/^nats:2\.12(\b|-)/);
    expect(healthcheckText(nats)).toContain('8222');
    const configTarget = composeCommand(nats).find((arg) => arg.endsWith('.conf'));
    expect(configTarget).toBeDefined();
    const configSource = hostPathOfBindMount(nats, configTarget as string);
    expect(path.normalize(configSource ?? '')).toBe(path.normalize('./deploy/nats/nats.conf'));
    const conf = readFileSync(path.join(repoRoot, 'deploy', 'nats', 'nats.conf'), 'utf8');
    expectDurableJetStream(conf);
    const storeDir = confSetting(confBlock(conf, 'jetstream') ?? '', 'store_dir') ?? '';
    const volumeTargets = (nats.volumes ?? []).map((v) => (typeof v === 'string' ? (v.split(':')[1] ?? '') : v.target));
    expect(volumeTargets.some((t) => t !== '' && storeDir.startsWith(t))).toBe(true);
  });
});

// ============================================================= Dockerfile ==

describe('Dockerfile', () => {
  const dockerfilePath = path.join(repoRoot, 'Dockerfile');

  function instructions(text: string): string[] {
    return text
      .replace(/\\\r?\n/g, ' ')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  }

  test('exists, is multi-stage and runs as a non-root USER', () => {
    expect(existsSync(dockerfilePath)).toBe(true);
    const lines = instructions(readFileSync(dockerfilePath, 'utf8'));
    const fromLines = lines.filter((l) => /^FROM\s/i.test(l));
    expect(fromLines.length).toBeGreaterThanOrEqual(2);
    const lastFrom = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
    const finalStageUsers = lines.slice(lastFrom).filter((l) => /^USER\s/i.test(l));
    expect(finalStageUsers.length).toBeGreaterThan(0);
    const user = finalStageUsers.at(-1)?.split(/\s+/)[1]?.split(':')[0];
    expect(['root', '0']).not.toContain(user);
  });

  test('runs every service with the heap limit of services.json', () => {
    const lines = instructions(readFileSync(dockerfilePath, 'utf8'));
    const lastFrom = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
    expect(servicesFile.nodeOptions).toMatch(/--max-old-space-size=\d+/);
    expect(lines.slice(lastFrom)).toContain(`ENV NODE_OPTIONS=${servicesFile.nodeOptions}`);
  });

  test('installs with npm ci and builds with npm run build', () => {
    const text = readFileSync(dockerfilePath, 'utf8');
    expect(text).toMatch(/npm ci\b/);
    expect(text).toMatch(/npm run build\b/);
  });
});
