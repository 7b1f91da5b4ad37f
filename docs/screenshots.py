"""Remake the screenshots of the HTML summary used in docs/huong-dan-su-dung.md.

    python docs/screenshots.py

Builds a small folder of reports (the fixtures of the test suite), checks it into an HTML page
with the real command, and photographs the page in headless Chromium (Debian's ``chromium``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures import reports  # noqa: E402

FOLDER = {
    "chi-bo-so-ke-hoach-va-dau-tu.docx": reports.complete,
    "chi-bo-so-thong-tin-truyen-thong.docx": reports.for_named_unit,
    "chi-bo-so-tai-chinh.docx": lambda: reports.without("1.3"),
    "chi-bo-so-xay-dung.docx": lambda: reports.with_out_of_period().docx,
}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def main() -> None:
    browser = shutil.which("chromium") or sys.exit("Cần Chromium (apt-get install chromium).")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "bao-cao"
        folder.mkdir()
        for name, build in FOLDER.items():
            (folder / name).write_bytes(build())
        (folder / "chi-bo-so-y-te.docx").write_bytes(b"PK\x03\x04 tep bi hong")
        shots = {  # picture: (what is checked, window size)
            "tong-hop.png": (folder, "1200,520"),
            "chi-tiet.png": (folder / "chi-bo-so-xay-dung.docx", "1200,1500"),
        }
        for name, (checked, size) in shots.items():
            page = Path(work) / (name + ".html")
            subprocess.run([sys.executable, "-m", "sobaocao", "check", str(checked), "--format", "html", "-o", str(page)],
                           cwd=work)
            page.write_text(page.read_text(encoding="utf-8").replace(str(folder) + "/", ""), encoding="utf-8")
            subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={work}/profile", f"--window-size={size}",
                            f"--screenshot={ROOT / 'docs' / 'img' / name}", page.as_uri()], check=True, capture_output=True)


if __name__ == "__main__":
    main()
