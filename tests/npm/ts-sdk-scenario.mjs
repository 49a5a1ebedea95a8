// A user of Cloudflare's TypeScript SDK (`cloudflare` on npm) manages Workers secrets, Workers for
// Platforms secrets and Secrets Store against the emulator: every method of
// `workers.scripts.secrets`, `workersForPlatforms.dispatch.namespaces.scripts.secrets` and
// `secretsStore`. Each result is checked here; the Rust test that runs this script
// (tests/tests/real_clients/) then checks the emulator's state. The SDK reads
// CLOUDFLARE_BASE_URL and CLOUDFLARE_API_TOKEN; ACCOUNT_ID names the account. The emulator must
// have the scripts `ts-worker` and `ts-namespace/tenant` declared (`--worker`), and no other.
// On success the last line of standard output is a JSON summary for the Rust test.
import assert from "node:assert/strict";
import Cloudflare from "cloudflare";

const client = new Cloudflare();
const account_id = process.env.ACCOUNT_ID;
assert.ok(account_id, "ACCOUNT_ID is set");

async function all(page) {
  const items = [];
  for await (const item of page) items.push(item);
  return items;
}

// ----- Workers script secrets ----------------------------------------------------------------
const scripts = client.workers.scripts.secrets;
const put = await scripts.update("ts-worker", { account_id, name: "API_KEY", text: "ts-value-1", type: "secret_text" });
assert.deepEqual(put, { name: "API_KEY", type: "secret_text" }, "update answers the binding without its text");
await scripts.update("ts-worker", { account_id, name: "OLD", text: "old", type: "secret_text" });
const listed = await all(scripts.list("ts-worker", { account_id }));
assert.deepEqual(listed.map((secret) => secret.name).sort(), ["API_KEY", "OLD"]);
assert.ok(listed.every((secret) => !("text" in secret)), "list never returns values");
const got = await scripts.get("API_KEY", { account_id, script_name: "ts-worker" });
assert.deepEqual(got, { name: "API_KEY", type: "secret_text" });
const bulk = await scripts.bulkUpdate("ts-worker", {
  account_id,
  secrets: { API_KEY: { name: "API_KEY", text: "ts-value-2", type: "secret_text" }, OLD: null, NEW: { name: "NEW", text: "new", type: "secret_text" } },
  version_tags: { release: "v2" },
});
assert.deepEqual(Object.keys(bulk).sort(), ["API_KEY", "NEW"], "bulkUpdate answers the resulting secrets");
const deleted = await scripts.delete("NEW", { account_id, script_name: "ts-worker" });
assert.equal(deleted, null);
await assert.rejects(scripts.get("NEW", { account_id, script_name: "ts-worker" }), (error) => error.status === 404);
// A script the emulator was not told about does not exist, for writes too.
await assert.rejects(
  scripts.update("ts-undeclared", { account_id, name: "X", text: "x", type: "secret_text" }),
  (error) => error.status === 404 && error.errors?.[0]?.code === 10007,
  "a secret for a script the emulator does not know",
);

// ----- Workers for Platforms: the same API under a dispatch namespace ------------------------
const dispatch = client.workersForPlatforms.dispatch.namespaces.scripts.secrets;
const at = { account_id, dispatch_namespace: "ts-namespace" };
await dispatch.update("tenant", { ...at, name: "TENANT_KEY", text: "tenant-value", type: "secret_text" });
assert.deepEqual((await all(dispatch.list("tenant", at))).map((secret) => secret.name), ["TENANT_KEY"]);
assert.equal((await dispatch.get("TENANT_KEY", { ...at, script_name: "tenant" })).name, "TENANT_KEY");
await dispatch.bulkUpdate("tenant", { ...at, secrets: { SECOND: { name: "SECOND", text: "2", type: "secret_text" } } });
await dispatch.delete("TENANT_KEY", { ...at, script_name: "tenant" });
assert.deepEqual((await all(dispatch.list("tenant", at))).map((secret) => secret.name), ["SECOND"]);

// ----- Secrets Store ---------------------------------------------------------------------------
const stores = client.secretsStore.stores;
const store = await stores.create({ account_id, name: "ts_store" });
assert.equal(store.name, "ts_store");
assert.match(store.id, /^[0-9a-f]{32}$/);
await assert.rejects(stores.create({ account_id, name: "second" }), (error) => error.status === 400 && error.errors?.[0]?.code === 1003, "one store per account");
assert.deepEqual((await all(stores.list({ account_id }))).map((listedStore) => listedStore.id), [store.id]);
assert.equal((await stores.get(store.id, { account_id })).name, "ts_store");

const secrets = stores.secrets;
const created = await all(secrets.create(store.id, {
  account_id,
  body: [
    { name: "DB_PASSWORD", value: "db-value-1", scopes: ["workers"], comment: "database" },
    { name: "GATEWAY_KEY", value: "gateway-value", scopes: ["workers", "ai_gateway"] },
    { name: "THROWAWAY", value: "gone soon", scopes: ["workers"] },
  ],
}));
assert.equal(created.length, 3);
assert.ok(created.every((secret) => secret.status === "pending" && !("value" in secret)), "created secrets are pending, without values");
const [db, gateway, throwaway] = created;
const fetched = await secrets.get(db.id, { account_id, store_id: store.id });
assert.equal(fetched.status, "active", "later reads show the secret active");
assert.equal(fetched.comment, "database");
const page = await all(secrets.list(store.id, { account_id, per_page: 2 }));
assert.deepEqual(page.map((secret) => secret.name).sort(), ["DB_PASSWORD", "GATEWAY_KEY", "THROWAWAY"], "auto-pagination across pages of 2");
const scoped = await all(secrets.list(store.id, { account_id, scopes: ["ai_gateway"] }));
assert.deepEqual(scoped.map((secret) => secret.name), ["GATEWAY_KEY"]);
const edited = await secrets.edit(db.id, { account_id, store_id: store.id, value: "db-value-2", comment: "rotated" });
assert.equal(edited.comment, "rotated");
assert.ok(!("value" in edited));
const copy = await secrets.duplicate(gateway.id, { account_id, store_id: store.id, name: "GATEWAY_KEY_COPY", scopes: ["workers"] });
assert.equal(copy.status, "pending");
assert.notEqual(copy.id, gateway.id);
assert.equal(await secrets.delete(throwaway.id, { account_id, store_id: store.id }), null);
await assert.rejects(secrets.get(throwaway.id, { account_id, store_id: store.id }), (error) => error.status === 404);
// The SDK sends bulkDelete without a body, but Cloudflare's schema requires {"ids": [...]}: the
// emulator refuses it with 400 and a message naming that body, and deletes nothing.
await assert.rejects(
  secrets.bulkDelete(store.id, { account_id }),
  (error) => error.status === 400 && error.errors?.length === 1 && error.errors[0].message.includes('{"ids": ["<secret id>", ...]}'),
  "a bodiless bulk delete",
);
assert.equal((await all(secrets.list(store.id, { account_id }))).length, 3, "a refused bulk delete deletes nothing");
// What a TypeScript user does today: the body through the request options.
assert.equal(await secrets.bulkDelete(store.id, { account_id }, { body: { ids: [copy.id] } }), null);
assert.deepEqual((await all(secrets.list(store.id, { account_id }))).map((secret) => secret.name).sort(), ["DB_PASSWORD", "GATEWAY_KEY"]);
const quota = await client.secretsStore.quota.get({ account_id });
assert.deepEqual(quota, { secrets: { quota: 100, usage: 2 } });
// A store with secrets needs `force`. The SDK retries a 409 by default; without retries the
// emulator sees exactly one refused delete.
await assert.rejects(stores.delete(store.id, { account_id }, { maxRetries: 0 }), (error) => error.status === 409, "a store with secrets needs force");
assert.equal(await stores.delete(store.id, { account_id, force: true }), null);
assert.deepEqual(await all(stores.list({ account_id })), []);

// A second store, left for the Rust test to look at.
const kept = await stores.create({ account_id, name: "kept" });
const [keptSecret] = await all(secrets.create(kept.id, { account_id, body: [{ name: "KEPT", value: "kept-value", scopes: ["workers"] }] }));

console.log(JSON.stringify({ deleted_store: store.id, db: db.id, gateway: gateway.id, copy: copy.id, throwaway: throwaway.id, store: kept.id, secret: keptSecret.id }));
