"""The vendored JavaScript is what vendor.json says: pinned versions, hashes, licences."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

VENDOR = Path(str(resources.files("akassemonitor.dashboard") / "static" / "vendor"))


def test_vendored_files_match_their_manifest() -> None:
    manifest = json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))
    names = set()
    for package in manifest["packages"]:
        names.add(package["name"])
        data = (VENDOR / package["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == package["sha256"], package["name"]
        licence = (VENDOR / package["license_file"]).read_text(encoding="utf-8")
        assert licence.strip()
        assert package["version"].count(".") == 2  # an exact version, not a range
    assert names == {"htmx.org", "vega", "vega-lite", "vega-embed"}
    assert b"6.4.1" in (VENDOR / "vega-lite.min.js").read_bytes()
