"""The wgdraft terminal UI (Textual). The core in ``wgdraft`` never imports this."""
