"""Writers are found through the `convert.writers` entry-point group, third-party ones included."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCli

PLUGIN = '''
"""A third-party writer: the article title in upper case."""

class ShoutWriter:
    name = "shout"
    suffix = ".shout"
    media_type = "text/plain"

    def write(self, publication, style, stream):
        stream.write(publication.title.upper().encode("utf-8"))
        return ["shouted"]
'''


def install_plugin(
    folder: Path, module: str = "shout_writer", source: str = PLUGIN, entry: str = "shout = shout_writer:ShoutWriter"
) -> Path:
    """Install a writer plug-in, `module` holding `source`, as a distribution under `folder`; its site folder."""
    site = folder / f"{module}-site"
    info = site / f"{module}-1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    name = module.replace("_", "-")
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[convert.writers]\n{entry}\n", encoding="utf-8")
    return site


def test_an_installed_writer_is_found_and_used(run_cli: RunCli, tmp_path: Path) -> None:
    site = install_plugin(tmp_path)
    (tmp_path / "a.txt").write_text("date 2024-01-02 Plug-ins work. Really.", encoding="utf-8")
    env = {"PYTHONPATH": str(site)}
    listing = run_cli("--list-formats", env=env)
    assert "shout    .shout  text/plain" in listing.stdout.splitlines()
    result = run_cli("a.txt", "--to", "shout,json", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dist" / "a.shout").read_text(encoding="utf-8") == "PLUG-INS WORK"
    assert "warning: a.txt: shouted" in result.stderr
    assert json.loads((tmp_path / "dist" / "a.json").read_bytes())["metadata"]["title"] == "Plug-ins work"


def test_a_broken_writer_is_reported_in_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    site = install_plugin(tmp_path)
    (site / "shout_writer.py").write_text("raise ImportError('missing dependency')\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("date 2024-01-02 Text.", encoding="utf-8")
    result = run_cli("a.txt", "--to", "shout", env={"PYTHONPATH": str(site)})
    assert result.returncode == 2
    assert result.stderr == "convert: the shout writer cannot be loaded: ImportError: missing dependency\n"


def test_the_built_in_writers_are_the_ones_the_package_declares_as_entry_points() -> None:
    import tomllib

    from convert.writers import BUILT_IN, ENTRY_POINT_GROUP

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    declared = project["project"]["entry-points"][ENTRY_POINT_GROUP]
    assert declared == {name: built_in.target for name, built_in in BUILT_IN.items()}


def test_a_plug_in_cannot_take_over_a_built_in_format(run_cli: RunCli, tmp_path: Path) -> None:
    site = install_plugin(tmp_path)
    (site / "shout_writer-1.0.dist-info" / "entry_points.txt").write_text(
        "[convert.writers]\njson = shout_writer:ShoutWriter\n", encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("date 2024-01-02 Still JSON.", encoding="utf-8")
    result = run_cli("a.txt", "--to", "json", env={"PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "dist" / "a.json").read_bytes())["metadata"]["title"] == "Still JSON"


def test_the_built_in_suffixes_are_the_writers_own() -> None:
    from convert.writers import BUILT_IN, load_writer

    assert {name: load_writer(name).suffix for name in BUILT_IN} == {
        name: built_in.suffix for name, built_in in BUILT_IN.items()
    }


def test_every_package_folder_is_declared_for_the_wheel() -> None:
    import tomllib

    # An undeclared package installs in editable mode and is missing from a real install.
    root = Path(__file__).parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    declared = set(project["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(init.parent.relative_to(root).parts)
        for init in (root / "convert").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert folders <= declared, folders - declared
