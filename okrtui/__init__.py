"""okrtui: personal and team OKRs as TOML files in a folder."""

__version__ = "0.1.0"
