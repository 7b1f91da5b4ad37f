"""The package as a user gets it: a wheel installed into a fresh virtual environment.

The fresh environment borrows the dependencies from the running one through a plain path entry
(no network needed), while sobaocao itself comes only from the wheel: a missing package or data
file shows up here and not in the source tree.
"""

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "src", "cli", "schemas")  # all that pyproject.toml packages


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy of what the wheel is made of: pip builds in the source folder, which would
    # leave build/ and *.egg-info in the checkout, and a stale build/lib could slip a deleted
    # module into the wheel.
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copyfile(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(source)],
        check=True, capture_output=True,
    )
    wheel = next((work / "dist").glob("sobaocao-*.whl"))
    env = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    (Path(site) / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True, capture_output=True,
    )
    return env


def run(env: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=env, timeout=120)


def test_wheel_holds_the_library_the_cli_and_the_schemas(wheel_env):
    done = run(wheel_env, wheel_env / "bin" / "python", "-c",
               "import sobaocao, sobaocao.cli, importlib.resources as r;"
               "print(sobaocao.__file__); print(sorted(p.name for p in r.files('sobaocao.schemas').iterdir()))")
    assert done.returncode == 0, done.stderr
    assert str(wheel_env) in done.stdout.splitlines()[0]  # not the source tree
    assert "cv630-ct07.yaml" in done.stdout


def test_installed_command_and_module_answer(wheel_env):
    command = run(wheel_env, wheel_env / "bin" / "sobaocao", "--version")
    assert command.returncode == 0 and command.stdout.strip() == "sobaocao, version 0.1.0"
    module = run(wheel_env, wheel_env / "bin" / "python", "-m", "sobaocao", "--help")
    assert module.returncode == 0 and "outline" in module.stdout


def test_installed_command_outlines_the_example_report(wheel_env):
    example = next((ROOT / "examples").glob("*.docx"))
    done = run(wheel_env, wheel_env / "bin" / "sobaocao", "outline", example)
    assert done.returncode == 0, done.stderr
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in done.stdout
