"""A user of Cloudflare's Python SDK (`cloudflare` on PyPI, pinned in requirements.txt beside this
file) manages Workers secrets, Workers for Platforms secrets and Secrets Store against the
emulator: every method of `workers.scripts.secrets`,
`workers_for_platforms.dispatch.namespaces.scripts.secrets` and `secrets_store` (stores, their
secrets, quota), and the SDK's typed errors. Each result is checked here; the Rust test that runs
this script (tests/tests/real_clients/) then checks the emulator's state.

The SDK reads CLOUDFLARE_BASE_URL and CLOUDFLARE_API_TOKEN; ACCOUNT_ID names the account, and
READER_TOKEN is a token of the emulator that may only read Secrets Store. The emulator must have
the scripts `py-worker` and `py-namespace/tenant` declared (`--worker`), and no other.
On success the last line of standard output is a JSON summary for the Rust test.
"""

import json
import os

import cloudflare
from cloudflare import Cloudflare

client = Cloudflare()
account_id = os.environ["ACCOUNT_ID"]
reader_token = os.environ["READER_TOKEN"]


def expect_error(error_type, call, check=lambda error: True, what=""):
    """Runs `call`, which must raise `error_type` (a typed error of the SDK) passing `check`."""
    try:
        call()
    except error_type as error:
        assert check(error), f"{what}: unexpected {error_type.__name__}: {error!r} {error.body!r}"
        return error
    raise AssertionError(f"{what}: expected {error_type.__name__}, but the call succeeded")


def error_codes(error):
    return [item.code for item in error.errors]


# ----- Workers script secrets -------------------------------------------------------------------
scripts = client.workers.scripts.secrets
put = scripts.update("py-worker", account_id=account_id, name="API_KEY", text="py-value-1", type="secret_text")
assert put.to_dict() == {"name": "API_KEY", "type": "secret_text"}, f"update answers the binding without its text: {put!r}"
scripts.update("py-worker", account_id=account_id, name="OLD", text="old", type="secret_text")
# The second overload of `update`: a CryptoKey binding (`secret_key`), sent as base64.
key = scripts.update(
    "py-worker",
    account_id=account_id,
    name="SIGNING_KEY",
    type="secret_key",
    format="raw",
    algorithm={"name": "HMAC", "hash": "SHA-256"},
    usages=["sign", "verify"],
    key_base64="c2lnbmluZy1rZXktYnl0ZXM=",
)
assert key.type == "secret_key" and key.format == "raw" and key.usages == ["sign", "verify"], repr(key)
assert not hasattr(key, "key_base64") or key.key_base64 is None, "the key material is never answered"
listed = list(scripts.list("py-worker", account_id=account_id))
assert sorted(secret.name for secret in listed) == ["API_KEY", "OLD", "SIGNING_KEY"], listed
assert all("text" not in secret.to_dict() for secret in listed), "list never returns values"
got = scripts.get("API_KEY", account_id=account_id, script_name="py-worker")
assert got.to_dict() == {"name": "API_KEY", "type": "secret_text"}, repr(got)
got = scripts.get("API_KEY", account_id=account_id, script_name="py-worker", url_encoded=True)
assert got.name == "API_KEY", "url_encoded=True reads the same secret"
bulk = scripts.bulk_update(
    "py-worker",
    account_id=account_id,
    secrets={
        "API_KEY": {"name": "API_KEY", "text": "py-value-2", "type": "secret_text"},
        "OLD": None,
        "NEW": {"name": "NEW", "text": "new", "type": "secret_text"},
    },
    version_tags={"release": "v2"},
)
assert sorted(bulk) == ["API_KEY", "NEW", "SIGNING_KEY"], f"bulk_update answers the resulting secrets: {bulk!r}"
assert bulk["NEW"].type == "secret_text"
assert scripts.delete("NEW", account_id=account_id, script_name="py-worker") is None
expect_error(
    cloudflare.NotFoundError,
    lambda: scripts.get("NEW", account_id=account_id, script_name="py-worker"),
    lambda error: error.status_code == 404,
    "a deleted Workers secret",
)
# A script the emulator was not told about does not exist, for reads and writes alike.
expect_error(
    cloudflare.NotFoundError,
    lambda: scripts.list("py-undeclared", account_id=account_id),
    lambda error: error_codes(error) == [10007],
    "listing a script the emulator does not know",
)
expect_error(
    cloudflare.NotFoundError,
    lambda: scripts.update("py-undeclared", account_id=account_id, name="X", text="x", type="secret_text"),
    lambda error: error_codes(error) == [10007],
    "a secret for a script the emulator does not know",
)

# ----- Workers for Platforms: the same API under a dispatch namespace ---------------------------
dispatch = client.workers_for_platforms.dispatch.namespaces.scripts.secrets
at = {"account_id": account_id, "dispatch_namespace": "py-namespace"}
tenant = dispatch.update("tenant", **at, name="TENANT_KEY", text="tenant-value", type="secret_text")
assert tenant.name == "TENANT_KEY"
assert [secret.name for secret in dispatch.list("tenant", **at)] == ["TENANT_KEY"]
assert dispatch.get("TENANT_KEY", **at, script_name="tenant").name == "TENANT_KEY"
bulk = dispatch.bulk_update(
    "tenant", **at, secrets={"SECOND": {"name": "SECOND", "text": "2", "type": "secret_text"}}
)
assert sorted(bulk) == ["SECOND", "TENANT_KEY"], repr(bulk)
assert dispatch.delete("TENANT_KEY", **at, script_name="tenant", url_encoded=True) is None
assert [secret.name for secret in dispatch.list("tenant", **at)] == ["SECOND"]

# ----- Secrets Store ----------------------------------------------------------------------------
stores = client.secrets_store.stores
store = stores.create(account_id=account_id, name="py_store")
assert store.name == "py_store"
assert len(store.id) == 32 and all(c in "0123456789abcdef" for c in store.id), store.id
expect_error(
    cloudflare.BadRequestError,
    lambda: stores.create(account_id=account_id, name="second"),
    lambda error: error_codes(error) == [1003],
    "one store per account",
)
assert [listed_store.id for listed_store in stores.list(account_id=account_id)] == [store.id]
assert stores.get(store.id, account_id=account_id).name == "py_store"

secrets = stores.secrets
created = list(
    secrets.create(
        store.id,
        account_id=account_id,
        body=[
            {"name": "DB_PASSWORD", "value": "db-value-1", "scopes": ["workers"], "comment": "database"},
            {"name": "GATEWAY_KEY", "value": "gateway-value", "scopes": ["workers", "ai_gateway"]},
            {"name": "THROWAWAY", "value": "gone soon", "scopes": ["workers"]},
        ],
    )
)
assert len(created) == 3, created
assert all(secret.status == "pending" and "value" not in secret.to_dict() for secret in created), (
    "created secrets are pending, without values"
)
db, gateway, throwaway = created
fetched = secrets.get(db.id, account_id=account_id, store_id=store.id)
assert fetched.status == "active", "later reads show the secret active"
assert fetched.comment == "database"
paged = list(secrets.list(store.id, account_id=account_id, per_page=2))
assert sorted(secret.name for secret in paged) == ["DB_PASSWORD", "GATEWAY_KEY", "THROWAWAY"], (
    "auto-pagination across pages of 2"
)
scoped = list(secrets.list(store.id, account_id=account_id, scopes=["ai_gateway"]))
assert [secret.name for secret in scoped] == ["GATEWAY_KEY"], scoped
searched = list(secrets.list(store.id, account_id=account_id, search="database"))
assert [secret.name for secret in searched] == ["DB_PASSWORD"], "search reads comments too"
edited = secrets.edit(db.id, account_id=account_id, store_id=store.id, value="db-value-2", comment="rotated")
assert edited.comment == "rotated"
assert "value" not in edited.to_dict()
copy = secrets.duplicate(gateway.id, account_id=account_id, store_id=store.id, name="GATEWAY_KEY_COPY", scopes=["workers"])
assert copy.status == "pending" and copy.id != gateway.id, repr(copy)
assert secrets.delete(throwaway.id, account_id=account_id, store_id=store.id) is None
expect_error(
    cloudflare.NotFoundError,
    lambda: secrets.get(throwaway.id, account_id=account_id, store_id=store.id),
    lambda error: error.status_code == 404,
    "a deleted store secret",
)
# The SDK sends bulk_delete without a body, but Cloudflare's schema requires {"ids": [...]}: the
# emulator refuses it with 400 and a message naming that body, and deletes nothing.
expect_error(
    cloudflare.BadRequestError,
    lambda: secrets.bulk_delete(store.id, account_id=account_id),
    lambda error: len(error.errors) == 1 and '{"ids": ["<secret id>", ...]}' in error.errors[0].message,
    "a bodiless bulk delete",
)
assert len(list(secrets.list(store.id, account_id=account_id))) == 3, "a refused bulk delete deletes nothing"
# What a Python user does today: the body through `extra_body`.
assert secrets.bulk_delete(store.id, account_id=account_id, extra_body={"ids": [copy.id]}) is None
assert sorted(secret.name for secret in secrets.list(store.id, account_id=account_id)) == ["DB_PASSWORD", "GATEWAY_KEY"]
quota = client.secrets_store.quota.get(account_id=account_id)
assert quota.to_dict() == {"secrets": {"quota": 100, "usage": 2}}, repr(quota)
# A store with secrets needs `force`. The SDK retries a 409 by default; without retries the
# emulator sees exactly one refused delete.
expect_error(
    cloudflare.ConflictError,
    lambda: client.with_options(max_retries=0).secrets_store.stores.delete(store.id, account_id=account_id),
    lambda error: error.status_code == 409,
    "a store with secrets",
)
assert stores.delete(store.id, account_id=account_id, force=True) is None
assert list(stores.list(account_id=account_id)) == []

# ----- Typed errors -----------------------------------------------------------------------------
missing = "0" * 32
expect_error(
    cloudflare.NotFoundError,
    lambda: stores.get(missing, account_id=account_id),
    lambda error: error.status_code == 404 and error.errors,
    "a missing store",
)
bad_token = Cloudflare(api_token="not-a-token-of-this-emulator", max_retries=0)
expect_error(
    cloudflare.AuthenticationError,
    lambda: bad_token.secrets_store.quota.get(account_id=account_id),
    lambda error: error.status_code == 401,
    "a bad token",
)
reader = Cloudflare(api_token=reader_token, max_retries=0)
expect_error(
    cloudflare.PermissionDeniedError,
    lambda: reader.secrets_store.stores.create(account_id=account_id, name="not allowed"),
    lambda error: error.status_code == 403 and error_codes(error) == [10000],
    "a token that may only read",
)
assert list(reader.secrets_store.stores.list(account_id=account_id)) == [], "the reader may list"

# A second store, left for the Rust test to look at.
kept = stores.create(account_id=account_id, name="kept")
[kept_secret] = list(
    secrets.create(kept.id, account_id=account_id, body=[{"name": "KEPT", "value": "kept-value", "scopes": ["workers"]}])
)

print(
    json.dumps(
        {
            "deleted_store": store.id,
            "db": db.id,
            "gateway": gateway.id,
            "copy": copy.id,
            "throwaway": throwaway.id,
            "store": kept.id,
            "secret": kept_secret.id,
        }
    )
)
