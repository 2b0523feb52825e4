// The deterministic synthetic journals of the benchmarks (scripts/bench.js): entries
// of about 250 words, with the word frequencies, topics, technical words and long tail
// of names of a real journal, the same for a given size on every run.
import fs from "node:fs";
import path from "node:path";

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = `the a to of and in that it was for on with as we when every one after before then because but not only so which this
each all more less first again request response user users data table query queries page view views test tests error errors time
change code team production staging deploy slow fast slower faster broke fixed added removed moved replaced wrote measured found
noticed learned tried used switched configured split merged cached indexed profiled logged retried started stopped checked read
made kept ran took saw needed wanted expected missed lost gained shipped reviewed paired documented refactored simplified rewrote
minutes seconds hours days week night morning release version customer customers report reports job jobs list lists field fields
row rows column columns file files folder config setting settings value values key keys limit limits problem problems solution
approach idea reason result results number numbers size memory disk network server servers client clients browser app apps
service services function functions class classes method methods module modules package packages library libraries tool tools
step steps case cases edge path paths default defaults option options flag flags branch branches commit commits review reviews
simple hard easy clear small large big many few most least better worse same different new old next last other own whole
instead without within across between under over through during while until since about around behind above below into out
never always often sometimes usually still already also even just much very quite rather almost enough too`.split(/\s+/);

const TECH = `django celery redis postgres postgresql kubernetes docker nginx gunicorn uwsgi asyncio graphql rest api endpoint serializer
queryset migration migrations index indexes cache caching invalidation throttling webhook webhooks websocket websockets middleware
authentication authorization jwt oauth csrf cors etag pagination cursor transaction transactions deadlock replica sharding partition
kafka rabbitmq broker worker workers queue queues retry retries backoff idempotency logging tracing metrics prometheus grafana sentry
pytest fixture fixtures mock mocks coverage linting mypy typing dataclass pydantic fastapi flask sqlalchemy alembic terraform
ansible helm ingress pod pods deployment deployments namespace secret secrets configmap volume volumes container containers image
images registry layer layers buildkit ci pipeline pipelines github actions rollback canary latency throughput cpu profiling
flamegraph bottleneck n+1 select_related() prefetch_related() orm join joins subquery explain analyze vacuum bloat lock locks mutex
semaphore thread threads process processes coroutine coroutines event loop callback typescript react frontend backend schema
contract versioning deprecation header headers cookie cookies session sessions token tokens password hashing bcrypt encryption tls
certificate dns balancer timeout timeouts circuit breaker bulkhead rate quota batch stream streams csv json yaml parquet pandas
numpy elasticsearch search ranking fuzzy trigram gin gist btree hash bloom filter s3 bucket cdn static media upload uploads beat
cron scheduler signal signals hook hooks admin permission permissions tenant tenants sso saml ldap retry-after asyncio.gather
/api/v1/ http https grpc protobuf serialization deserialization replication failover backup restore snapshot`.split(/\s+/);

const TOPICS = `Django|Celery|Redis|PostgreSQL|Kubernetes|Docker|Python|REST APIs|GraphQL|Testing|Security|Caching|Observability|CI/CD|
Performance|Databases|Async Python|Networking|Frontend|TypeScript|Terraform|Messaging|Search|Data Engineering|Architecture|Git|
Linux|Payments|Auth|Deployment`.split("|").map((t) => t.trim());

const VERBS = "Fixing Debugging Speeding up Understanding Designing Testing Scaling Securing Caching Profiling Migrating Monitoring Retrying Indexing Versioning".split(" ");
const PREPS = "in with for on behind across under".split(" ");

function zipf(list, r) {
  // Earlier words are more frequent, roughly as in real text.
  return list[Math.floor(list.length * r() ** 2.2)];
}

// The long tail of a real journal: names of functions, tables, hosts, error codes.
const SYLLABLES = "ka lo mi zu ter bin dex qua rop sel vin tor ex al um ra pe no fi gor".split(" ");
function rareWord(r) {
  const n = 2 + Math.floor(r() * r() * 3);
  let word = "";
  for (let i = 0; i < n; i += 1) word += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  const shape = r();
  if (shape < 0.15) return `${word}_${SYLLABLES[Math.floor(r() * SYLLABLES.length)]}`;
  if (shape < 0.25) return String(Math.floor(r() * 5000));
  return word;
}

// Each topic has its own technical words; an entry mostly uses its topic's.
const CLUSTER = Math.ceil(TECH.length / TOPICS.length);
const clusterOf = (topicIndex) => Array.from({ length: CLUSTER }, (_, j) => TECH[(topicIndex * CLUSTER + j) % TECH.length]);

function sentence(r, cluster) {
  const n = 8 + Math.floor(r() * 10);
  const words = [];
  for (let i = 0; i < n; i += 1) {
    const x = r();
    words.push(x < 0.72 ? zipf(COMMON, r) : x < 0.9 ? cluster[Math.floor(r() * cluster.length)] : x < 0.97 ? TECH[Math.floor(r() * TECH.length)] : rareWord(r));
  }
  const text = words.join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function paragraph(r, words, cluster) {
  const out = [];
  let count = 0;
  while (count < words) {
    const s = sentence(r, cluster);
    out.push(s);
    count += s.split(" ").length;
  }
  return out.join(" ");
}

function entry(i) {
  const r = random(i * 7919 + 17);
  const topicIndex = Math.floor(r() * TOPICS.length);
  const topic = TOPICS[topicIndex];
  const cluster = clusterOf(topicIndex);
  const tech = () => (r() < 0.75 ? cluster[Math.floor(r() * cluster.length)] : TECH[Math.floor(r() * TECH.length)]).replace(/[()]/g, "");
  const title = `${VERBS[Math.floor(r() * VERBS.length)]} ${tech()} ${PREPS[Math.floor(r() * PREPS.length)]} ${tech()}`;
  const tags = [...new Set([tech(), tech(), tech()].map((t) => t.replace(/[^a-z0-9-]/g, "")).filter(Boolean))];
  const day = new Date(Date.UTC(2014, 0, 1) + Math.floor(r() * 4300) * 86_400_000).toISOString().slice(0, 10);
  const p = (n) => paragraph(r, n, cluster);
  const body = `## Challenge\n\n${p(80)}\n\n## Solution\n\n${p(110)}\n\n- ${sentence(r, cluster)}\n- ${sentence(r, cluster)}\n\n## Takeaway\n\n${p(35)}\n`;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const text = `---\ntitle: ${JSON.stringify(title)}\ntopic: ${JSON.stringify(topic)}\ndate: ${day}\ntags: [${tags.map((t) => JSON.stringify(t)).join(", ")}]\n---\n\n${body}`;
  return { name: `${day}-${slug}-${i}.md`, text, mtime: new Date(`${day}T12:00:00Z`) };
}

/** Writes a journal of `size` entries in `root`; returns about how many words an entry has. */
export function makeJournal(root, size) {
  fs.mkdirSync(path.join(root, "entries"), { recursive: true });
  fs.writeFileSync(path.join(root, "nexus.config.json"), '{\n  "entries": "entries"\n}\n');
  let words = 0;
  for (let i = 0; i < size; i += 1) {
    const e = entry(i);
    const file = path.join(root, "entries", e.name);
    fs.writeFileSync(file, e.text);
    // Entries are written over years, not in the last second.
    fs.utimesSync(file, e.mtime, e.mtime);
    if (i < 200) words += e.text.split(/\s+/).length;
  }
  return Math.round(words / Math.min(size, 200));
}
