"""The UI-free core: model, periods, scoring, store and workspace discovery.

Nothing under this package may import textual, rich or plotext (tests/test_import_hygiene.py).
"""
