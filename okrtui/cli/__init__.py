"""The shell interface. Imports only the core: the TUI is loaded only when it is opened."""
