# The one place the dataset version is written (SemVer for data, see CHANGELOG.md).
__version__ = "0.1.0"
