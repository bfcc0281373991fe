# The one place the dataset version is written (SemVer for data, see CHANGELOG.md):
# major = a column removed or renamed or a meaning changed; minor = rows or columns added; patch = corrections.
__version__ = "0.1.0"
RELEASE_DATE = "2026-11-21"
