"""The data ship inside the wheel: install it into a folder outside the repo and load from there."""

import subprocess
import sys


def test_load_from_installed_wheel(repo, tmp_path):
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(repo)],
        check=True,
    )
    wheel = next(wheels.glob("semax_evidence-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith("licenses/LICENSE-DATA") for n in names), "the data licence text is not in the wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True
    )
    code = (
        "import semax_evidence as s, pathlib; "
        "assert str(target) in s.__file__, s.__file__; "
        "print(len(s.load('studies')), s.path('studies'))"
    ).replace("target", repr(str(target)))
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": ""},
    )
    assert out.returncode == 0, out.stderr
    assert str(target) in out.stdout
