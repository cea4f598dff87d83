"""Checks editors/helix/languages.toml without Helix (Debian 12 packages none, so CI cannot run it):
the file parses as TOML, declares the server as the README says, and every setting it sets is one
docs/protocol.md documents. Prints "helix: N passed, M failed"; exits non-zero on failure."""
import re
import sys
import tomllib
from pathlib import Path

repo = Path(__file__).resolve().parents[2]
passed = failed = 0


def check(name, condition):
    global passed, failed
    print(("PASS " if condition else "FAIL ") + name)
    if condition:
        passed += 1
    else:
        failed += 1


def leaf_paths(table, prefix):
    """Dotted names of the values in a nested table: {"a": {"b": 1}} -> ["nanolsp.a.b"]."""
    for key, value in table.items():
        if isinstance(value, dict):
            yield from leaf_paths(value, f"{prefix}.{key}")
        else:
            yield f"{prefix}.{key}"


try:
    config = tomllib.loads((repo / "editors/helix/languages.toml").read_text())
    check("languages.toml parses as TOML", True)
except tomllib.TOMLDecodeError as error:
    check(f"languages.toml parses as TOML ({error})", False)
    config = {}

server = config.get("language-server", {}).get("nanolsp", {})
check("the nanolsp server runs `nanolsp --stdio`", server.get("command") == "nanolsp" and server.get("args") == ["--stdio"])
check("the request timeout is a positive integer", isinstance(server.get("timeout"), int) and server["timeout"] > 0)

languages = [entry for entry in config.get("language", []) if entry.get("name") == "c-sharp"]
check("the c-sharp language uses the nanolsp server", len(languages) == 1 and "nanolsp" in languages[0].get("language-servers", []))

# Settings documented in the table of docs/protocol.md: rows start with | `nanolsp.something` |.
documented = set(re.findall(r"^\| `(nanolsp\.[A-Za-z.]+)`", (repo / "docs/protocol.md").read_text(), re.MULTILINE))
check("docs/protocol.md documents settings", len(documented) > 5)
settings = server.get("config", {}).get("nanolsp")
check("config holds a nanolsp section", isinstance(settings, dict) and len(settings) > 0)
unknown = sorted(set(leaf_paths(settings or {}, "nanolsp")) - documented)
check(f"every setting in config is documented{' (not: ' + ', '.join(unknown) + ')' if unknown else ''}", not unknown)

print(f"helix: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
